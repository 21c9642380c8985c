#include "screens/widgets/list.h"

void list_set_count(struct list *l, size_t count)
{
    l->count = count;
    if (l->selected >= count)
        l->selected = count ? count - 1 : 0;
    if (l->top > l->selected)
        l->top = l->selected;
}

bool list_move(struct list *l, long delta)
{
    if (l->count == 0)
        return false;
    long target = (long)l->selected + delta;
    if (target < 0)
        target = 0;
    if (target >= (long)l->count)
        target = (long)l->count - 1;
    bool moved = (size_t)target != l->selected;
    l->selected = (size_t)target;
    return moved;
}

bool list_first(struct list *l)
{
    return list_move(l, -(long)l->count);
}

bool list_last(struct list *l)
{
    return list_move(l, (long)l->count);
}

void list_scroll(struct list *l, size_t visible)
{
    if (visible == 0)
        return;
    l->visible = visible;
    if (l->selected < l->top)
        l->top = l->selected;
    if (l->selected >= l->top + visible)
        l->top = l->selected - visible + 1;
    if (l->count > visible && l->top > l->count - visible)
        l->top = l->count - visible;
}

long list_page(const struct list *l)
{
    return l->visible ? (long)l->visible : 1;
}

int list_row(const struct list *l, size_t i, int y, int height)
{
    if (i < l->top || i >= l->top + (size_t)height)
        return -1;
    return y + (int)(i - l->top);
}
