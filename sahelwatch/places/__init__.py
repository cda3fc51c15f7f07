"""Gazetteer of Mali, Burkina Faso, Niger and Mauritania (and the larger places of Nigeria's north, Chad, Togo and
Benin): place names to coordinates and admin areas."""

from sahelwatch.places.gazetteer import Gazetteer, Place, PlaceMention

__all__ = ["Gazetteer", "PlaceMention", "Place"]
