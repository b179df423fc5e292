"""Where the exported resources live: every IRI the exports write starts with ``base_url``."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from bigpicture.catalogue.settings import Settings


@dataclass(frozen=True)
class PublishContext:
    """The publishing settings the mappings need, and the IRIs derived from them."""

    base_url: str
    publisher_name: str = "Bigpicture"
    contact_email: str = ""
    doi_prefix: str = "10.99999"

    @classmethod
    def from_settings(cls, settings: Settings) -> PublishContext:
        """The context of one catalogue instance."""
        return cls(
            base_url=settings.base_url.rstrip("/"),
            publisher_name=settings.publisher_name,
            contact_email=settings.contact_email,
            doi_prefix=settings.doi_prefix,
        )

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` (which starts with ``/``)."""
        return self.base_url + path

    def landing_page(self, dataset_id: str) -> str:
        """The landing page (and content-negotiated representations) of a dataset version."""
        return self.url("/datasets/" + quote(dataset_id, safe=""))

    def dataset(self, dataset_id: str) -> str:
        """The IRI of the dataset version itself (a hash IRI on its landing page)."""
        return self.landing_page(dataset_id) + "#dataset"

    def distribution(self, dataset_id: str) -> str:
        """The IRI of the (access-controlled) DICOM distribution of a dataset version."""
        return self.landing_page(dataset_id) + "#distribution"

    def catalog(self) -> str:
        """The IRI of the catalogue."""
        return self.url("/catalog")

    def agent(self, name: str) -> str:
        """The IRI of an organisation named ``name``, described in the catalogue document."""
        slug = "-".join(name.lower().split())
        return self.catalog() + "#agent-" + quote(slug, safe="-")
