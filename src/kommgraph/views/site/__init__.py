"""`kommgraph site`: an offline website with a page per person, organization, event, topic,
place and source (`build.build_site`).

Modules, in the order the work flows: `facts` (what the pages show beyond the
collaboration model, read once), `world` (everything joined and indexed both
ways), `cite` (each fact in words, with its quotes, source and a text to cite
it by), `content` (the shape of a page), `actors`, `events`, `others` (the pages
of each kind), `ego` (the embedded network page), `home` (start page, lists,
search index), `render` (Jinja2 templates, autoescaped, with the gettext
catalogue) and `build` (the folder, written aside and renamed into place).
"""
