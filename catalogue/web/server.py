"""Running the application under gunicorn (``bpcat serve``)."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

from bigpicture.catalogue.settings import Settings


class _Gunicorn(BaseApplication):
    """A gunicorn application that serves one ``create_app(settings)``."""

    def __init__(self, settings: Settings, options: dict[str, object]) -> None:
        self._settings = settings
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self):  # noqa: ANN201 - gunicorn's signature
        from bigpicture.catalogue.web import create_app

        return create_app(self._settings)


def run_gunicorn(settings: Settings, *, bind: str, workers: int) -> None:
    """Serve the catalogue on ``bind`` with ``workers`` processes until interrupted."""
    _Gunicorn(settings, {"bind": bind, "workers": workers, "accesslog": "-"}).run()
