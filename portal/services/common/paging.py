"""Numbered pages of a public list (bulletins, exposures, outcomes)."""


class NumberedPage:
    """For a dataclass with `page` (1-based) and `pages`: the neighbouring page numbers."""

    page: int
    pages: int

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None
