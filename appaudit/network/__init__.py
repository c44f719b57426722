"""Network analysis: the device profile, the pure identifier matcher, the mitmproxy addon and its launcher."""
