"""A PDF finding's evidence: its page rendered as an image (pypdfium2, installed with
pdfplumber) with the figure's box and its operands' boxes drawn over it, as inline SVG whose
image is a data URI (the HTML report stays self-contained)."""

from __future__ import annotations

import base64
import io
from html import escape
from pathlib import Path
from typing import Any

from ..failures import one_line

MAX_PIXELS = 1400  # the longer side of a rendered page
MARGIN = 160.0  # points of the page shown above and below the boxes
MAX_IMAGE_BYTES = 40 * 1024 * 1024  # all pages of one report together


#: the title of a page shown as evidence
PAGE_TITLE = {"zh": "第{n}页", "en": "page {n}"}


class Pages:
    """Rendered pages and their layouts, each made once."""

    def __init__(self) -> None:
        self._images: dict[tuple[str, int], str | None] = {}
        self._layouts: dict[tuple[str, int], Any] = {}
        self._sizes: dict[tuple[str, int], tuple[float, float]] = {}
        self.bytes = 0

    def _page(self, path: Path, number: int) -> None:
        key = (str(path), number)
        if key in self._layouts:
            return
        import pdfplumber  # imported here: only PDF evidence needs it

        from ..sources.pdf import page_layout

        with pdfplumber.open(path) as pdf:
            page = pdf.pages[number - 1]
            self._layouts[key] = page_layout(page)
            self._sizes[key] = (float(page.width), float(page.height))

    def image(self, path: Path, number: int) -> str | None:
        """The page as a PNG data URI (None past the report's image budget)."""
        key = (str(path), number)
        if key not in self._images:
            self._images[key] = None
            if self.bytes < MAX_IMAGE_BYTES:
                self._images[key] = self._render(path, number)
                self.bytes += len(self._images[key] or "")
        return self._images[key]

    @staticmethod
    def _render(path: Path, number: int) -> str:
        import pypdfium2  # installed with pdfplumber

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            page = pdf[number - 1]
            width, height = page.get_size()
            scale = min(2.0, MAX_PIXELS / max(width, height, 1))
            bitmap = page.render(scale=scale)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", optimize=True)
        finally:
            pdf.close()
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")

    def figure(self, path: Path, location: dict, related: list[dict], lang: str = "zh") -> str:
        """The page with the boxes, as escaped HTML (its title in ``lang``)."""
        from ..sources.pdf import locate_box

        number = int(location["page"])
        try:
            self._page(path, number)
        except Exception as exc:
            return f'<p class="muted">{escape(one_line(exc))}</p>'
        key = (str(path), number)
        layout = self._layouts[key]
        width, height = self._sizes[key]
        rects, tops, bottoms = [], [], []
        for loc, cls in [(location, "ev-target"), *((r, "ev-operand") for r in related)]:
            if loc.get("page") != number:
                continue
            box = locate_box(layout, loc)
            if box is None:
                continue
            x0, top, x1, bottom = box
            tops.append(top)
            bottoms.append(bottom)
            rects.append(
                f'<rect class="{cls}" x="{x0 - 2:.1f}" y="{top - 2:.1f}" width="{x1 - x0 + 4:.1f}" height="{bottom - top + 4:.1f}"/>'
            )
        uri = self.image(path, number)
        image = f'<image href="{uri}" x="0" y="0" width="{width:.1f}" height="{height:.1f}"/>' if uri else ""
        rects.sort(key=lambda r: "ev-target" in r)  # the figure's box on top
        # the part of the page around the boxes (the whole page when nothing was found)
        y0 = max(0.0, min(tops) - MARGIN) if tops else 0.0
        y1 = min(height, max(bottoms) + MARGIN) if bottoms else height
        return (
            f'<svg class="ev-page" viewBox="0 {y0:.1f} {width:.1f} {y1 - y0:.1f}" width="{width:.0f}" role="img">'
            f"<title>{PAGE_TITLE.get(lang, PAGE_TITLE['en']).format(n=number)}</title>{image}{''.join(rects)}</svg>"
        )
