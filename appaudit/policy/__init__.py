"""Privacy-policy analysis: load policy files into text blocks, extract what they declare, list their SDKs."""
