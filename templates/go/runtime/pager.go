package apicore

import "context"

// MaxPages bounds a server that never signals the last page; Pager.MaxPages may raise it.
const MaxPages = 1000

// PageStep says what a page-fetch function is given: a page number or an item offset.
type PageStep int

const (
	// StepPage passes page numbers: first, first+1, ...
	StepPage PageStep = iota
	// StepOffset passes item offsets: first, first+len(items), ...
	StepOffset
)

// Page is one page: its items, the total item count when the API reports it
// (HasTotal), and the page size that was asked for (0: unknown).
type Page[T any] struct {
	Items    []T
	Total    int
	HasTotal bool
	PageSize int
}

// PageFunc fetches the page at position (a page number or an item offset).
type PageFunc[T any] func(ctx context.Context, position int) (Page[T], error)

// Pager iterates over every item of a paginated list, asking for the next page
// only when the previous page's items are used up. It stops at an empty page,
// once Total items were seen, after a page shorter than PageSize, or after
// MaxPages pages:
//
//	for pager.Next(ctx) { use(pager.Item()) }
//	if err := pager.Err(); err != nil { ... }
type Pager[T any] struct {
	// MaxPages bounds the pages fetched (MaxPages by default).
	MaxPages int
	fetch    PageFunc[T]
	step     PageStep
	position int
	pages    int
	seen     int
	more     bool
	items    []T
	index    int
	err      error
}

// NewPager is a pager whose first page is at position first.
func NewPager[T any](fetch PageFunc[T], first int, step PageStep) *Pager[T] {
	return &Pager[T]{MaxPages: MaxPages, fetch: fetch, step: step, position: first, more: true, index: -1}
}

// Next advances to the next item, fetching a page when needed; false at the end or on an error.
func (p *Pager[T]) Next(ctx context.Context) bool {
	for {
		if p.err != nil {
			return false
		}
		if p.index+1 < len(p.items) {
			p.index++
			return true
		}
		if !p.more || p.pages >= p.MaxPages {
			return false
		}
		if err := ctx.Err(); err != nil {
			p.err = err
			return false
		}
		page, err := p.fetch(ctx, p.position)
		if err != nil {
			p.err = err
			return false
		}
		p.advance(page)
	}
}

func (p *Pager[T]) advance(page Page[T]) {
	count := len(page.Items)
	p.pages++
	p.seen += count
	if p.step == StepOffset {
		p.position += count
	} else {
		p.position++
	}
	p.more = !(count == 0 ||
		(page.HasTotal && p.seen >= page.Total) ||
		(page.PageSize > 0 && count < page.PageSize) ||
		p.pages >= p.MaxPages)
	p.items, p.index = page.Items, -1
}

// Item is the current item.
func (p *Pager[T]) Item() T {
	if p.index < 0 || p.index >= len(p.items) {
		var zero T
		return zero
	}
	return p.items[p.index]
}

// Err is the error that stopped the iteration, if any.
func (p *Pager[T]) Err() error { return p.err }

// All is every remaining item, or the first error.
func (p *Pager[T]) All(ctx context.Context) ([]T, error) {
	var items []T
	for p.Next(ctx) {
		items = append(items, p.Item())
	}
	return items, p.Err()
}
