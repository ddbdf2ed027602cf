"""Import-only stand-in (see deps/README.md): any name imported from here is an inert placeholder class."""


def __getattr__(name: str) -> type:
    return type(name, (), {"__module__": __name__})
