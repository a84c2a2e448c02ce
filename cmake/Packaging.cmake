# The Debian package, made from the install rules (Install.cmake):
#   cmake --build --preset release --target package     (or `cpack -G DEB` in the build folder)
# writes t2v-studio_<version>_<arch>.deb in the build folder. Its Depends are the shared
# libraries the programs link (found by dpkg-shlibdeps from dpkg-dev) plus FFmpeg, which every
# render runs; espeak-ng (narration), the DejaVu fonts (animatic text) and the Wayland plugin of
# Qt are recommended.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME t2v-studio)
set(CPACK_PACKAGE_VENDOR "The T2V Studio developers")
set(CPACK_PACKAGE_CONTACT "The T2V Studio developers <t2v-studio@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "long AI videos from an idea, scene by scene")
# Lines as they appear in the control file (CPack indents them).
set(CPACK_PACKAGE_DESCRIPTION [=[
T2V Studio turns an idea into a long video. A language model writes a
scene-by-scene script, each scene is rendered by a text-to-video service
(Google Veo, fal.ai) under one of several accounts, and the finished clips
are downloaded, checked and joined into one film with subtitles. An offline
writer and a local animatic renderer need no network and no keys.

This package holds the desktop application t2v-studio and the command
line t2v.]=])
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION video)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "ffmpeg")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "espeak-ng, fonts-dejavu-core, qt6-wayland")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

include(CPack)
