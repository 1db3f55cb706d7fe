"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2/), mounted at /open311/v2/.

Plain Django views rather than the JSON API framework: GeoReport speaks XML as well as JSON,
puts the format in the path (`services.xml`) and receives form-encoded POSTs, and existing
client apps depend on exactly that shape.
"""
