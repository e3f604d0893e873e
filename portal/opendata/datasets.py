"""Every table the portal publishes, in the order /data lists them."""

from .datasets_accountability import ACCOUNTABILITY
from .datasets_plan import PLAN_DATASETS
from .datasets_registers import REGISTER_DATASETS
from .tables import Dataset

ALL = (*PLAN_DATASETS, ACCOUNTABILITY, *REGISTER_DATASETS)
DATASETS: dict[str, Dataset] = {d.name: d for d in ALL}
BY_COLLECTION: dict[str, Dataset] = {d.collection: d for d in DATASETS.values() if d.collection}
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "知识共享 署名 4.0 国际许可协议（CC BY 4.0）",
    "path": "https://creativecommons.org/licenses/by/4.0/deed.zh-hans",
}
