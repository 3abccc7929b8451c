"""The built-in styles, each a package defining ``STYLE`` (a ``generator.core.style.Style``).

They are found by name through ``generator.core.registry.find_style`` (which also
finds styles in folders and installed ones); see the README's "Adding a style".
"""
