"""A scene whose import fails: the registry must report it, not crash."""

raise RuntimeError("this scene is broken on purpose")
