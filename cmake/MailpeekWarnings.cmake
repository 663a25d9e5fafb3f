# Warnings for Mailpeek's own targets; third-party headers come in as
# SYSTEM includes through their imported targets, so they stay quiet.
function(mailpeek_set_warnings target)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
        -Wcast-align -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
    if(MAILPEEK_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
