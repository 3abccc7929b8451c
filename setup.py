"""The wheel's contents; everything else about the project is in pyproject.toml.

Every ``generator*`` package is found, and the top-level ``templates/`` folder is shipped as the package
``generator.templates`` (its files as package data), where ``generator.core.builtin.TEMPLATES`` finds them in an
install. pyproject.toml's ``packages.find`` cannot express this: it sees no package whose folder ``package-dir``
maps elsewhere.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), "generator.templates"],
    package_dir={"generator.templates": "templates"},
    package_data={"generator.templates": ["**/*"]},
    exclude_package_data={"generator.templates": ["*/__pycache__/*", "*.pyc"]},
)
