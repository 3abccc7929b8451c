// Copied by generator 0.1.0 from templates/go/runtime/pager.go. Do not edit.
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

// loadFunc fetches the next page: its items, and whether another page may follow;
// an error with items stops the iteration after them.
type loadFunc[T any] func(ctx context.Context) (items []T, more bool, err error)

// Pager iterates over every item of a paginated list, asking for the next page
// only when the previous page's items are used up. A pager by position
// (NewPager) stops at an empty page, once Total items were seen, or after a
// page shorter than PageSize; a pager following the answers (NewFollowPager)
// stops when an answer names no next page. Either stops after MaxPages pages:
//
//	for pager.Next(ctx) { use(pager.Item()) }
//	if err := pager.Err(); err != nil { ... }
type Pager[T any] struct {
	// MaxPages bounds the pages fetched (MaxPages by default).
	MaxPages int
	load     loadFunc[T]
	pages    int
	more     bool
	items    []T
	index    int
	err      error
	// stop is the error a page came with, reported once its items are used up.
	stop error
}

func newPager[T any](load loadFunc[T]) *Pager[T] {
	return &Pager[T]{MaxPages: MaxPages, load: load, more: true, index: -1}
}

// NewPager is a pager whose first page is at position first.
func NewPager[T any](fetch PageFunc[T], first int, step PageStep) *Pager[T] {
	position, seen := first, 0
	return newPager(func(ctx context.Context) ([]T, bool, error) {
		page, err := fetch(ctx, position)
		if err != nil {
			return nil, false, err
		}
		count := len(page.Items)
		seen += count
		if step == StepOffset {
			position += count
		} else {
			position++
		}
		more := !(count == 0 ||
			(page.HasTotal && seen >= page.Total) ||
			(page.PageSize > 0 && count < page.PageSize))
		return page.Items, more, nil
	})
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
		if p.stop != nil {
			p.err = p.stop
			return false
		}
		if !p.more || p.pages >= p.MaxPages {
			return false
		}
		if err := ctx.Err(); err != nil {
			p.err = err
			return false
		}
		items, more, err := p.load(ctx)
		p.pages++
		p.more, p.stop = more && err == nil, err
		p.items, p.index = items, -1
	}
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
