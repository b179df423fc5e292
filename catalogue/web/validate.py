"""``POST /api/validate``: validate an uploaded submission (a zip or one XML file).

The answer is the JSON report of docs/validation-report.md (200 whether or not the submission
is valid), or the HTML report with ``?format=html`` (or ``Accept: text/html``), or Turtle with
``?format=turtle``. An upload over ``settings.upload_limit_mb`` gets 413 with a JSON message;
an unreadable upload gets 400.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from bigpicture.catalogue.web import current_settings

blueprint = Blueprint("validate", __name__)
_VOCABULARY = "bpcat_validation_vocabulary"


def _limit_bytes() -> int:
    return current_settings().upload_limit_mb * 1024 * 1024


def _too_large() -> tuple[Response, int]:
    limit = current_settings().upload_limit_mb
    return jsonify(
        error=f"The upload is larger than the limit of {limit} MB.",
        hint="Upload the XML files only (no DICOM), or ask the operator to raise "
        "BPCAT_UPLOAD_LIMIT_MB.",
        limit_mb=limit,
    ), 413


def _vocabulary():
    vocabulary = current_app.extensions.get(_VOCABULARY)
    if vocabulary is None:
        from bigpicture.vocabularies import DATA_SUBDIR, load_vocabulary

        vocabulary = load_vocabulary(current_settings().data_dir / DATA_SUBDIR)
        current_app.extensions[_VOCABULARY] = vocabulary
    return vocabulary


def _format() -> str:
    wanted = request.args.get("format")
    if wanted:
        return wanted
    best = request.accept_mimetypes.best_match(["application/json", "text/html", "text/turtle"])
    return {"text/html": "html", "text/turtle": "turtle"}.get(best or "", "json")


@blueprint.post("/api/validate")
def validate_upload() -> Response | tuple[Response, int]:
    """Validate the uploaded file (multipart form field ``file``)."""
    from bigpicture.catalogue.validation import InputError
    from bigpicture.catalogue.validation import validate_upload as validate
    from bigpicture.catalogue.validation.renderers import RENDERERS

    if request.content_length is not None and request.content_length > _limit_bytes():
        return _too_large()
    request.max_content_length = _limit_bytes()
    try:
        upload = request.files.get("file") or next(iter(request.files.values()), None)
    except RequestEntityTooLarge:
        return _too_large()
    output = _format()
    if output not in RENDERERS:
        return jsonify(error=f"Unknown format {output!r}; use one of {sorted(RENDERERS)}."), 400
    if upload is None:
        message = "No file uploaded: send a zip or an XML file as form field 'file'."
        return jsonify(error=message), 400
    try:
        report = validate(upload.filename or "upload", upload.read(), vocabulary=_vocabulary())
    except InputError as error:
        return jsonify(error=str(error)), 400
    renderer = RENDERERS[output]
    if output == "json":
        return jsonify(report.to_json())
    return Response(renderer.render(report), mimetype=renderer.media_type)
