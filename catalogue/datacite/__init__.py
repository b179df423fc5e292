"""DOIs for dataset versions: DataCite Metadata Schema 4 (kernel-4) and the DataCite REST API.

- ``kernel4``: the DataCite metadata of a version, as REST API JSON attributes.
- ``xml``: the same metadata as kernel-4 XML (validated against metadata.xsd in the tests).
- ``citation``: the DataCite-recommended citation text.
- ``registrar``: minting DOIs (REST API: draft, then findable), or recording them offline.
"""

from bigpicture.catalogue.datacite.kernel4 import attributes as datacite_attributes
from bigpicture.catalogue.datacite.xml import datacite_xml


def datacite_json(facts, settings) -> dict:  # noqa: ANN001 - see kernel4.Publishing
    """The DataCite JSON (REST API JSON:API document) of one dataset version."""
    return {
        "data": {
            "id": facts.doi,
            "type": "dois",
            "attributes": datacite_attributes(facts, settings),
        }
    }


__all__ = ["datacite_attributes", "datacite_json", "datacite_xml"]
