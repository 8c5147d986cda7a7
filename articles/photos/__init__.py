"""The photo library: photos, their renditions, upload checks and the admin."""
