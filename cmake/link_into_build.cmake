# cmake -DSOURCE=<dir> -DLINK=<path> -P link_into_build.cmake
# Makes LINK a symbolic link to SOURCE, touching nothing when it already is one: a build that
# runs while tests read share/edigate/{maps,partners} never removes them, even for a moment.
# A directory left there by older builds (a copy) is replaced; REMOVE_RECURSE does not follow links.
if(IS_SYMLINK "${LINK}")
  file(READ_SYMLINK "${LINK}" current)
  if(current STREQUAL "${SOURCE}")
    return()
  endif()
endif()
file(REMOVE_RECURSE "${LINK}")
get_filename_component(parent "${LINK}" DIRECTORY)
file(MAKE_DIRECTORY "${parent}")
file(CREATE_LINK "${SOURCE}" "${LINK}" SYMBOLIC)
