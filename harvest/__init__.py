"""Harvesting the Bigpicture nodes: MetaFleX over HTTP or from folders, DICOM headers, DCAT.

``nodes`` reads the list of nodes, ``sources`` holds one module per kind of node behind the
small ``Source`` protocol, ``dicom`` reads the allow-listed technical metadata of DICOM files,
``node_server`` publishes folders for harvesting, and ``pipeline`` chains the steps. See
docs/harvest.md and docs/node-protocol.md.
"""
