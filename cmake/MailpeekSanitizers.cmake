# MAILPEEK_SANITIZE builds everything (core, ui, app, tests) with
# AddressSanitizer and UndefinedBehaviorSanitizer. It applies to the whole
# tree rather than to single targets because a sanitised static library
# linked into an unsanitised executable misses the runtime, and because the
# point is to run the ordinary test suite unchanged under the sanitisers.
#
# Undefined behaviour is fatal (-fno-sanitize-recover): a report that only
# prints would let ctest count the test as passed.
if(MAILPEEK_SANITIZE)
    if(MAILPEEK_FUZZ)
        # The fuzz targets add their own -fsanitize=fuzzer,address,undefined;
        # both at once would link the ASan runtime twice.
        message(FATAL_ERROR "MAILPEEK_SANITIZE and MAILPEEK_FUZZ are separate builds")
    endif()
    set(mailpeek_sanitizer_flags
        -fsanitize=address,undefined
        -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer)
    add_compile_options(${mailpeek_sanitizer_flags})
    add_link_options(-fsanitize=address,undefined)
    message(STATUS "Mailpeek: building with AddressSanitizer and UndefinedBehaviorSanitizer")
endif()
