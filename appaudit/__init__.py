"""appaudit: audit what an Android app and its SDKs collect against what its privacy policy says."""

__version__ = "0.1.0"
