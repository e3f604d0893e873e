"""Every list the API publishes, in the order the index, the OpenAPI document and /api show them."""

from .collections import PLAN_AND_PUBLICATIONS, Collection
from .register_collections import REGISTERS

COLLECTIONS: dict[str, Collection] = {c.name: c for c in (*PLAN_AND_PUBLICATIONS, *REGISTERS)}
