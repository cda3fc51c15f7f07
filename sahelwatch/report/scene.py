"""A figure as a list of drawing primitives in pixels, drawn twice: as inline SVG for the HTML report and as a PNG
through matplotlib's Agg backend. One drawing, two outputs, so the PNGs show exactly what the page shows.

Coordinates are pixels with y downwards; sizes (line widths, font sizes, radii) are pixels too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from sahelwatch.report.geometry import Point, signed_area

if TYPE_CHECKING:
    import numpy as np

FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
_CHAR_WIDTH = 0.58  # average advance of a character, in font sizes (DejaVu Sans)


def text_width(text: str, size: float) -> float:
    """Rough width of a text line, for layout (legends, label collisions); no font files are read."""
    return len(text) * size * _CHAR_WIDTH


@dataclass(frozen=True)
class Style:
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    fill_opacity: float = 1.0
    stroke_opacity: float = 1.0
    dash: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Shape:
    """Rings (closed or not) drawn as one path: holes are rings turned the other way."""

    rings: tuple[tuple[Point, ...], ...]
    style: Style
    closed: bool = True
    clip: str | None = None
    css: str | None = None


def line(points: tuple[Point, ...] | list[Point], style: Style) -> Shape:
    """An open polyline."""
    return Shape((tuple(points),), style, closed=False)


@dataclass(frozen=True)
class Circle:
    x: float
    y: float
    r: float
    style: Style
    title: str | None = None
    href: str | None = None
    css: str | None = None


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    style: Style
    title: str | None = None


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float = 12.0
    color: str = "#222"
    anchor: str = "start"  # start, middle, end
    bold: bool = False
    italic: bool = False
    halo: str | None = None  # a colour drawn around the letters, for legibility over the map


@dataclass
class Scene:
    width: float
    height: float
    id_prefix: str
    title: str = ""
    background: str | None = None
    items: list[Any] = field(default_factory=list)
    clips: dict[str, tuple[tuple[Point, ...], ...]] = field(default_factory=dict)

    def add(self, item: Any) -> None:
        self.items.append(item)

    def clip_id(self, name: str) -> str:
        return f"{self.id_prefix}-clip-{name}"

    # -- SVG -----------------------------------------------------------------------------------------------------

    def to_svg(self, css_class: str = "figure") -> str:
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class={quoteattr(css_class)} '
            f'viewBox="0 0 {_n(self.width)} {_n(self.height)}" width="{_n(self.width)}" '
            f'height="{_n(self.height)}" role="img" aria-labelledby="{self.id_prefix}-title" '
            f"font-family={quoteattr(FONT_FAMILY)}>",
            f'<title id="{self.id_prefix}-title">{escape(self.title)}</title>',
        ]
        if self.clips:
            parts.append("<defs>")
            for name, rings in self.clips.items():
                parts.append(
                    f'<clipPath id="{self.clip_id(name)}"><path d="{_path_data(rings, True)}" '
                    f'clip-rule="evenodd"/></clipPath>'
                )
            parts.append("</defs>")
        if self.background:
            parts.append(f'<rect width="100%" height="100%" fill="{self.background}"/>')
        for item in self.items:
            parts.append(_svg_item(item, self))
        parts.append("</svg>")
        return "\n".join(parts)

    # -- PNG -----------------------------------------------------------------------------------------------------

    def to_png(self, path: Path, scale: float = 1.5) -> Path:
        """Draw the scene with matplotlib's Agg backend (no display, no pyplot state) into a PNG file."""
        import matplotlib
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        # unhinted glyphs: text drawn with a halo (a path effect) is never hinted, and aligning it with hinted
        # metrics would shift right-aligned labels
        with matplotlib.rc_context({"text.hinting": "none"}):
            dpi = 100 * scale
            figure = Figure(figsize=(self.width / 100, self.height / 100), dpi=dpi)
            FigureCanvasAgg(figure)
            axes = figure.add_axes((0, 0, 1, 1))
            axes.set_xlim(0, self.width)
            axes.set_ylim(self.height, 0)
            axes.set_axis_off()
            if self.background:
                figure.patch.set_facecolor(self.background)
            clips = {name: _mpl_polygons(Shape(rings, Style()), axes) for name, rings in self.clips.items()}
            for order, item in enumerate(self.items):
                _mpl_item(item, axes, clips, order)
            figure.savefig(path, format="png", dpi=dpi, facecolor=figure.get_facecolor())
        return path


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _path_data(rings: tuple[tuple[Point, ...], ...], closed: bool) -> str:
    out = []
    for ring in rings:
        if len(ring) < 2:
            continue
        head, *rest = ring
        out.append(f"M{_n(head[0])} {_n(head[1])}" + "".join(f"L{_n(x)} {_n(y)}" for x, y in rest))
        if closed:
            out.append("Z")
    return "".join(out)


def _style_attrs(style: Style) -> str:
    attrs = [f'fill="{style.fill or "none"}"']
    if style.fill and style.fill_opacity < 1:
        attrs.append(f'fill-opacity="{style.fill_opacity:.2f}"')
    if style.stroke:
        attrs.append(f'stroke="{style.stroke}" stroke-width="{style.width:g}" stroke-linejoin="round"')
        if style.stroke_opacity < 1:
            attrs.append(f'stroke-opacity="{style.stroke_opacity:.2f}"')
        if style.dash:
            attrs.append(f'stroke-dasharray="{" ".join(f"{d:g}" for d in style.dash)}"')
    return " ".join(attrs)


def _svg_item(item: Any, scene: Scene) -> str:
    if isinstance(item, Shape):
        clip = f' clip-path="url(#{scene.clip_id(item.clip)})"' if item.clip else ""
        css = f" class={quoteattr(item.css)}" if item.css else ""
        return (
            f'<path d="{_path_data(item.rings, item.closed)}" fill-rule="evenodd" '
            f"{_style_attrs(item.style)}{clip}{css}/>"
        )
    if isinstance(item, Circle):
        css = f" class={quoteattr(item.css)}" if item.css else ""
        title = f"<title>{escape(item.title)}</title>" if item.title else ""
        circle = (
            f'<circle cx="{_n(item.x)}" cy="{_n(item.y)}" r="{_n(item.r)}" {_style_attrs(item.style)}{css}>'
            f"{title}</circle>"
        )
        return f"<a href={quoteattr(item.href)}>{circle}</a>" if item.href else circle
    if isinstance(item, Rect):
        title = f"<title>{escape(item.title)}</title>" if item.title else ""
        return (
            f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.width)}" height="{_n(item.height)}" '
            f"{_style_attrs(item.style)}>{title}</rect>"
        )
    if isinstance(item, Text):
        attrs = [f'x="{_n(item.x)}" y="{_n(item.y)}" font-size="{item.size:g}" fill="{item.color}"']
        if item.anchor != "start":
            attrs.append(f'text-anchor="{item.anchor}"')
        if item.bold:
            attrs.append('font-weight="bold"')
        if item.italic:
            attrs.append('font-style="italic"')
        if item.halo:
            attrs.append(f'stroke="{item.halo}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"')
        return f"<text {' '.join(attrs)}>{escape(item.text)}</text>"
    raise TypeError(f"cannot draw {type(item).__name__}")


# -- matplotlib ---------------------------------------------------------------------------------------------------

_PT = 0.72  # points per scene pixel at 100 dpi per pixel-inch


def _mpl_kwargs(style: Style) -> dict[str, Any]:
    from matplotlib.colors import to_rgba

    kwargs: dict[str, Any] = {
        "facecolor": "none" if not style.fill or style.fill == "none" else to_rgba(style.fill, style.fill_opacity),
        "edgecolor": "none" if not style.stroke else to_rgba(style.stroke, style.stroke_opacity),
        "linewidth": style.width * _PT if style.stroke else 0,
        "joinstyle": "round",
    }
    if style.stroke and style.dash:
        kwargs["linestyle"] = (0, tuple(d / style.width for d in style.dash))
    return kwargs


def _mpl_lines(rings: tuple[tuple[Point, ...], ...], style: Style, axes: Any) -> Any:
    """Open polylines as one unfilled patch."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    vertices: list[Point] = []
    codes: list[np.uint8] = []  # matplotlib's path codes
    for ring in rings:
        if len(ring) >= 2:
            vertices.extend(ring)
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1))
    if not vertices:
        vertices, codes = [(0.0, 0.0)], [MplPath.MOVETO]
    patch = PathPatch(MplPath(vertices, codes), transform=axes.transData, **_mpl_kwargs(style))
    patch.set_facecolor("none")
    return patch


def _mpl_item(item: Any, axes: Any, clips: dict[str, Any], order: int) -> None:
    from matplotlib import patheffects
    from matplotlib.patches import Circle as MplCircle
    from matplotlib.patches import Rectangle

    if isinstance(item, Shape):
        patch = _mpl_polygons(item, axes) if item.closed else _mpl_lines(item.rings, item.style, axes)
        patch.set_zorder(order)
        axes.add_patch(patch)
        if item.clip:
            patch.set_clip_path(clips[item.clip])
    elif isinstance(item, Circle):
        patch = MplCircle((item.x, item.y), item.r, **_mpl_kwargs(item.style))
        patch.set_zorder(order)
        axes.add_patch(patch)
    elif isinstance(item, Rect):
        patch = Rectangle((item.x, item.y), item.width, item.height, **_mpl_kwargs(item.style))
        patch.set_zorder(order)
        axes.add_patch(patch)
    elif isinstance(item, Text):
        effects = [patheffects.withStroke(linewidth=3 * _PT, foreground=item.halo)] if item.halo else None
        axes.text(
            item.x,
            item.y,
            item.text,
            fontsize=item.size * _PT,
            color=item.color,
            ha={"start": "left", "middle": "center", "end": "right"}[item.anchor],
            va="baseline",
            fontweight="bold" if item.bold else "normal",
            fontstyle="italic" if item.italic else "normal",
            family="DejaVu Sans",
            path_effects=effects,
            zorder=order,
        )
    else:
        raise TypeError(f"cannot draw {type(item).__name__}")


def _mpl_polygons(item: Shape, axes: Any) -> Any:
    """Closed rings with even-odd meaning (as in SVG): a ring inside another is a hole. Matplotlib fills with the
    nonzero rule, so each ring is turned by its nesting depth: outward rings one way, holes the other."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    from sahelwatch.report.geometry import open_ring, point_in_ring

    rings = [open_ring(r) for r in item.rings if len(open_ring(r)) >= 3]
    vertices: list[Point] = []
    codes: list[np.uint8] = []  # matplotlib's path codes
    for i, ring in enumerate(rings):
        depth = sum(1 for j, other in enumerate(rings) if j != i and point_in_ring(ring[0], other))
        counter_clockwise = depth % 2 == 0
        if (signed_area(ring) > 0) != counter_clockwise:
            ring = ring[::-1]
        vertices.extend(ring + [ring[0]])
        codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY])
    if not vertices:
        vertices, codes = [(0.0, 0.0)], [MplPath.MOVETO]
    return PathPatch(MplPath(vertices, codes), transform=axes.transData, **_mpl_kwargs(item.style))
