"""Static analysis of an APK (`appaudit static`): entry point `appaudit.static.scan.scan(app) -> Report`.

apk.py unpacks safely and is the one androguard adapter; dex.py is the fast dex reader; manifest.py,
sdks.py, callsites.py and callgraph.py (networkx) turn what they read into records; scan.py composes them.
"""
