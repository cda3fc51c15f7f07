"""The event-type palette every figure and page of the report shares (the map's markers, the legends, the page's
badges, `sahelwatch compare`'s map), and the grey of whatever has no colour of its own."""

from __future__ import annotations

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
EVENT_COLOURS = {
    "Battles": "#d55e00",
    "Explosions/Remote violence": "#e69f00",
    "Violence against civilians": "#cc3f8f",
    "Protests": "#0072b2",
    "Riots": "#009e73",
    "Strategic developments": "#6f6f6f",
}
OTHER_COLOUR = "#999999"
