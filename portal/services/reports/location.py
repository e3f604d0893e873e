"""Where the reporter stood, when they chose "使用我的位置": latitude and longitude, checked
and rounded before anything keeps them.

Five decimals are about a metre — as precise as a phone's fix, no more. The pair must fall in
a generous box around Hegang City (its districts and the two counties, Luobei and Suibin,
with some margin): a point elsewhere is a browser's guess or a typo, not the place of a
violation here, and the reporter can clear it and describe the place in words instead.
"""

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

PLACES = Decimal("0.00001")
# (south, north), (west, east) in degrees; the city spans about 46.8–48.4 N, 129.4–132.5 E.
HEGANG_LATITUDE = (Decimal("46.0"), Decimal("49.0"))
HEGANG_LONGITUDE = (Decimal("128.5"), Decimal("133.5"))
MAX_CHARS = 20  # "-179.123456789" with room; anything longer is not a coordinate


class BadCoordinates(ValueError):
    """The message (Chinese) says what to do; the field named is where it is shown."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def coordinates(latitude: str, longitude: str) -> tuple[Decimal, Decimal] | None:
    """The rounded pair; None when both are empty. Raises BadCoordinates otherwise."""
    latitude, longitude = latitude.strip(), longitude.strip()
    if not latitude and not longitude:
        return None
    if not latitude or not longitude:
        missing = "latitude" if not latitude else "longitude"
        raise BadCoordinates(missing, "位置需要同时有纬度和经度；请重新获取位置，或清空两项。")
    lat = _degrees(latitude, "latitude", "纬度", 90)
    lon = _degrees(longitude, "longitude", "经度", 180)
    if not HEGANG_LATITUDE[0] <= lat <= HEGANG_LATITUDE[1]:
        raise BadCoordinates("latitude", _OUTSIDE)
    if not HEGANG_LONGITUDE[0] <= lon <= HEGANG_LONGITUDE[1]:
        raise BadCoordinates("longitude", _OUTSIDE)
    return lat, lon


_OUTSIDE = "该位置不在鹤岗市范围内。请清空纬度和经度，在“具体地点”中用文字说明位置。"


def _degrees(text: str, field: str, name: str, limit: int) -> Decimal:
    wrong = BadCoordinates(field, f"{name}应为 -{limit} 到 {limit} 之间的数字，例如 47.33512。")
    if len(text) > MAX_CHARS:
        raise wrong
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise wrong from None
    if not value.is_finite() or abs(value) > limit:
        raise wrong
    return value.quantize(PLACES, rounding=ROUND_HALF_EVEN)


def map_links(latitude: Decimal, longitude: Decimal) -> list[tuple[str, str]]:
    """Plain links to the point (name, URL), for staff only: nothing loads until they click.
    The coordinates are WGS-84 as phones give them; 高德 is told so (it draws in GCJ-02)."""
    return [
        ("高德地图", f"https://uri.amap.com/marker?position={longitude},{latitude}"
         "&coordinate=wgs84&callnative=0"),
        ("OpenStreetMap", f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
         f"#map=17/{latitude}/{longitude}"),
    ]  # fmt: skip
