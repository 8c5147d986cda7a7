"""Who may change a photo in the library. A leaf module: it reads the rights' names and imports no model.

A photo that a published story shows is part of that story: changing its image or caption is an editor's
decision, like editing the story. Anyone else's work in the library is theirs until an editor takes it up.
"""

EDIT_ANY = "articles.edit_any_article"  # editors and the managing editor (the roles migration)
CHANGE_PHOTO = "articles.change_photo"


def may_change(user, photo, *, shown_by_public_story):
    """Editors change any photo; the uploader changes their own while no published story shows it."""
    if user is None:  # the system: the archive importer, the demo loader
        return True
    if not user.has_perm(CHANGE_PHOTO):
        return False
    if user.has_perm(EDIT_ANY):
        return True
    return photo.uploaded_by_id == user.pk and not shown_by_public_story
