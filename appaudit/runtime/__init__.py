"""Runtime analysis: Frida hooks on an Android device or on the local JVM, streamed into a JSONL trace."""
