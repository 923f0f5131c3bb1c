"""vigoklar: is a county's VIGO data ready for its next statutory delivery?"""

__version__ = "0.1.0"
