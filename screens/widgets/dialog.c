#include "screens/widgets/dialog.h"

#include <wctype.h>

enum dialog_answer dialog_key(struct key key, enum action action)
{
    if (action == ACT_ACTIVATE)
        return DIALOG_YES;
    if (action == ACT_BACK || action == ACT_QUIT)
        return DIALOG_NO;
    if (key.function)
        return DIALOG_PENDING;
    switch (towlower(key.code)) {
    case L'y':
    case L'e':
        return DIALOG_YES;
    case L'n':
    case L'h':
        return DIALOG_NO;
    default:
        return DIALOG_PENDING;
    }
}
