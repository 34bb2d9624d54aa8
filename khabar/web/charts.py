"""Server-side SVG charts: geometry computed here, drawn by a template (so every label is escaped).

The dyad chart: one point per period and direction at the mean Goldstein score of the asserted
events (−10 conflict … +10 cooperation), a line per direction, each point linking to the events
behind it on the same page."""

from __future__ import annotations

W, H = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 48


def _y(v: float) -> float:
    return round(TOP + (10 - v) / 20 * (H - TOP - BOTTOM), 1)


def dyad_chart(rows: list[dict]) -> dict:
    """Geometry of the cooperation ↔ conflict chart of :meth:`Store.dyad` rows."""
    periods = sorted({r["period"] for r in rows if r.get("goldstein_mean") is not None})
    n = len(periods)
    step = (W - LEFT - RIGHT) / max(n, 1)
    xs = {p: round(LEFT + step * (i + 0.5), 1) for i, p in enumerate(periods)}
    series = []
    for direction, cls in (("→", "fwd"), ("←", "back")):
        pts = [{"x": xs[r["period"]], "y": _y(r["goldstein_mean"]), "period": r["period"],
                "value": r["goldstein_mean"], "n": r["asserted"]}
               for r in sorted(rows, key=lambda r: r["period"])
               if r["direction"] == direction and r.get("goldstein_mean") is not None]
        path = " ".join(f"{'M' if i == 0 else 'L'}{p['x']},{p['y']}" for i, p in enumerate(pts))
        series.append({"direction": direction, "cls": cls, "points": pts, "path": path})
    label_every = max(1, n // 12)
    xticks = [{"x": xs[p], "label": p} for i, p in enumerate(periods) if i % label_every == 0]
    yticks = [{"y": _y(v), "label": f"{v:+d}" if v else "0"} for v in (10, 5, 0, -5, -10)]
    return {"w": W, "h": H, "left": LEFT, "right": W - RIGHT, "top": TOP, "bottom": H - BOTTOM,
            "zero": _y(0), "series": series, "xticks": xticks, "yticks": yticks, "empty": not periods}


__all__ = ["dyad_chart"]
