// Command pagination shows the three ways to walk a list: one page at a
// time with List, HasNext and Next; every item with ListAutoPaging, which
// fetches pages only as the loop needs them and stops when it breaks; and
// telnyx.Collect, which gathers up to a number of items into a slice. The
// same calls work on every list: recordings, log messages, transcriptions.
// Last, option.WithPageConcurrency fetches several pages of a list at
// once, items still in order.
//
// Run it from the repository root:
//
//	go run ./examples/pagination
//
// Without TELNYX_API_KEY it starts the built-in fake API with demo data.
// With TELNYX_API_KEY set it reads your account's recordings, log messages
// and transcriptions. It only reads.
package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/externalconnections"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func main() {
	exampleenv.Main(false, (*telnyxtest.Server).SeedDemo, func(ctx context.Context, out io.Writer, env *exampleenv.Env) error {
		return run(ctx, out, env.Client)
	})
}

func run(ctx context.Context, out io.Writer, client *telnyx.Client) error {
	recs := recordings.New(client)

	// 1. Page by page. Next keeps the params of the first call and asks
	// for the following page number.
	inOrder, err := pageByPage(ctx, out, recs)
	if err != nil {
		return err
	}

	// 2. Item by item. Pages are fetched as the loop reaches them; after
	// the break no more are.
	if err := firstLong(ctx, out, recs); err != nil {
		return err
	}

	// 3. Into a slice: at most max items (all of them with 0), fetching no
	// page beyond the one that completes the count.
	if err := collect(ctx, out, client, recs); err != nil {
		return err
	}

	// 4. Every list pages the same way: the transcriptions, here, with
	// the page size kept on every page.
	_, _ = fmt.Fprintln(out, "== transcriptions")
	trs, err := telnyx.Collect(recs.Transcriptions.ListAutoPaging(ctx, recordings.TranscriptionListParams{
		Page: telnyx.PageParams{Size: 5},
	}), 0)
	if err != nil {
		return fmt.Errorf("collecting transcriptions: %w", err)
	}
	_, _ = fmt.Fprintf(out, "collected all %d transcriptions\n", len(trs))

	// 5. Several pages at once. Once the first page tells how many there
	// are, WithPageConcurrency(4) lets the walk fetch up to 4 pages at a
	// time (fewer if the API answers 429). Items still come in the API's
	// order. The option works on the client or, as here, on one call.
	_, _ = fmt.Fprintln(out, "== WithPageConcurrency(4)")
	all, err := telnyx.Collect(recs.ListAutoPaging(ctx, recordings.ListParams{Page: telnyx.PageParams{Size: 5}},
		option.WithPageConcurrency(4)), 0)
	if err != nil {
		return fmt.Errorf("collecting recordings in parallel: %w", err)
	}
	ids := make([]string, len(all))
	for i, r := range all {
		ids[i] = r.ID
	}
	_, _ = fmt.Fprintf(out, "collected all %d recordings in pages of 5, up to 4 at once; same order as page by page: %t\n",
		len(all), slices.Equal(ids, inOrder))
	_, _ = fmt.Fprintln(out, "done")
	return nil
}

// pageByPage walks the recordings with List, HasNext and Next and returns
// their ids in order.
func pageByPage(ctx context.Context, out io.Writer, recs *recordings.Service) ([]string, error) {
	_, _ = fmt.Fprintln(out, "== List, HasNext, Next")
	var inOrder []string // the ids of every recording, page after page
	page, err := recs.List(ctx, recordings.ListParams{Page: telnyx.PageParams{Size: 10}})
	for {
		if err != nil {
			return nil, fmt.Errorf("listing recordings: %w", err)
		}
		if len(page.Data) == 0 {
			_, _ = fmt.Fprintln(out, "no recordings")
			return inOrder, nil
		}
		_, _ = fmt.Fprintf(out, "page %d of %d: %d recordings (%d in all)\n", page.Meta.PageNumber, page.Meta.TotalPages, len(page.Data), page.Meta.TotalResults)
		for _, r := range page.Data {
			inOrder = append(inOrder, r.ID)
		}
		if !page.HasNext() {
			return inOrder, nil
		}
		page, err = page.Next(ctx)
	}
}

// firstLong walks the recordings item by item up to the first one longer
// than 45 seconds.
func firstLong(ctx context.Context, out io.Writer, recs *recordings.Service) error {
	_, _ = fmt.Fprintln(out, "== ListAutoPaging with break")
	read := 0
	var found *recordings.Recording
	for rec, err := range recs.ListAutoPaging(ctx, recordings.ListParams{Page: telnyx.PageParams{Size: 10}}) {
		if err != nil {
			return fmt.Errorf("listing recordings: %w", err)
		}
		read++
		if rec.DurationMillis > 45000 {
			found = &rec
			break
		}
	}
	if found != nil {
		_, _ = fmt.Fprintf(out, "first recording over 45s: %s (%.1fs), found after reading %d\n", found.ID, float64(found.DurationMillis)/1000, read)
	} else {
		_, _ = fmt.Fprintf(out, "no recording over 45s among %d\n", read)
	}
	return nil
}

// collect gathers lists into slices with telnyx.Collect: a bounded count
// of recordings, then every log message.
func collect(ctx context.Context, out io.Writer, client *telnyx.Client, recs *recordings.Service) error {
	_, _ = fmt.Fprintln(out, "== telnyx.Collect")
	seven, err := telnyx.Collect(recs.ListAutoPaging(ctx, recordings.ListParams{Page: telnyx.PageParams{Size: 5}}), 7)
	if err != nil {
		return fmt.Errorf("collecting recordings: %w", err)
	}
	_, _ = fmt.Fprintf(out, "collected %d recordings\n", len(seven))
	msgs, err := telnyx.Collect(externalconnections.New(client).LogMessages.ListAutoPaging(ctx, externalconnections.LogMessageListParams{
		Page: telnyx.PageParams{Size: 2},
	}), 0)
	if err != nil {
		return fmt.Errorf("collecting log messages: %w", err)
	}
	_, _ = fmt.Fprintf(out, "collected all %d log messages\n", len(msgs))
	for _, m := range msgs {
		_, _ = fmt.Fprintf(out, "  %s %s: %s\n", m.Code, m.Title, m.Detail)
	}
	return nil
}
