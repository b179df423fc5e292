"""DICOM technical metadata of whole slide images, read through a strict allow-list.

``header`` defines what is kept (and nothing else is), ``binary`` is the fast targeted reader
of local files and HTTP ranges, ``reference`` the pydicom reader, ``json_model`` reads DICOMweb
metadata, ``batch`` spreads many files over the cores and ``rdf`` writes the bp: triples.
"""
