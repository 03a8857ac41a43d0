"""MkDocs hooks for the course: thin entry points into the ``course`` package beside this file."""
from course.mkdocs_glue import CourseBuild

_build: CourseBuild | None = None


def on_config(config):
    global _build
    _build = CourseBuild(config)  # fresh state on every build, including `mkdocs serve` rebuilds
    return _build.configure()


def on_files(files, config):
    return _build.add_files(files)


def on_env(env, config, files):
    return _build.theme_env(env)


def on_page_content(html, page, config, files):
    return _build.page_html(html, page)


def on_post_page(output, page, config):
    return _build.page_output(output, page)


def on_post_build(config):
    _build.post_build()
