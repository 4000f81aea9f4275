"""Anonymous device profiles: no registration, nothing personal; deletable and exportable by the holder."""
