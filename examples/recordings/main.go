// Command recordings shows call recordings and their transcriptions: it
// lists the recordings of the last week a page at a time, fetches one with
// its download links, and walks the transcriptions, which are paged by
// cursor rather than by page number.
//
// Run it from the repository root:
//
//	go run ./examples/recordings
//
// Without TELNYX_API_KEY it starts the built-in fake API with demo
// recordings. With TELNYX_API_KEY set it reads your account's recordings.
// It only reads: deleting recordings (the Delete, DeleteMany and
// Transcriptions.Delete methods of recordings.Service) cannot be undone, so
// this example leaves it to you.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/examples/internal/exampleenv"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func main() {
	exampleenv.Main(false, (*telnyxtest.Server).SeedDemo, func(ctx context.Context, out io.Writer, env *exampleenv.Env) error {
		return run(ctx, out, env.Client, time.Now())
	})
}

// run lists what was recorded in the week before now.
func run(ctx context.Context, out io.Writer, client *telnyx.Client, now time.Time) error {
	recs := recordings.New(client)
	// A date filter takes a telnyx.Timestamp, the type answers carry too;
	// it is sent with the precision it has, here whole seconds.
	since := telnyx.NewTimestamp(now.Add(-7 * 24 * time.Hour).Truncate(time.Second))
	params := recordings.ListParams{
		Filter: &recordings.ListFilter{CreatedAt: &recordings.TimeRange{GTE: &since}},
		Page:   telnyx.PageParams{Size: 5},
	}
	page, err := recs.List(ctx, params)
	if err != nil {
		return fmt.Errorf("listing recordings: %w", err)
	}
	_, _ = fmt.Fprintf(out, "recordings since %s: %d in %d pages\n", since.UTC().Format(time.DateOnly), page.Meta.TotalResults, page.Meta.TotalPages)
	// Show two pages at most; Next keeps the filter and the page size.
	for i := 1; ; i++ {
		_, _ = fmt.Fprintf(out, "page %d:\n", page.Meta.PageNumber)
		for _, r := range page.Data {
			_, _ = fmt.Fprintf(out, "  %s  %s  %5.1fs  %-6s  %s\n", r.ID, r.CreatedAt.Format(time.RFC3339), float64(r.DurationMillis)/1000, r.Channels, r.Source)
		}
		if i == 2 || !page.HasNext() {
			break
		}
		if page, err = page.Next(ctx); err != nil {
			return fmt.Errorf("listing recordings: %w", err)
		}
	}
	if len(page.Data) > 0 {
		if err := showRecording(ctx, out, recs, page.Data[0].ID); err != nil {
			return err
		}
		if err := listTranscriptions(ctx, out, recs); err != nil {
			return err
		}
	}
	_, _ = fmt.Fprintln(out, "done")
	return nil
}

// showRecording prints one recording and where to download it.
func showRecording(ctx context.Context, out io.Writer, recs *recordings.Service, id string) error {
	rec, err := recs.Get(ctx, id)
	if err != nil {
		return fmt.Errorf("getting recording: %w", err)
	}
	_, _ = fmt.Fprintf(out, "recording %s: call session %s, %s\n", rec.ID, rec.CallSessionID, rec.Status)
	_, _ = fmt.Fprintf(out, "  mp3: %s\n", orNone(rec.DownloadURLs.MP3))
	_, _ = fmt.Fprintf(out, "  wav: %s\n", orNone(rec.DownloadURLs.WAV))
	return nil
}

// listTranscriptions prints the first two pages of transcriptions. They
// page by number too; a filter narrows them to one recording or a
// creation time.
func listTranscriptions(ctx context.Context, out io.Writer, recs *recordings.Service) error {
	tpage, err := recs.Transcriptions.List(ctx, recordings.TranscriptionListParams{Page: telnyx.PageParams{Size: 4}})
	if err != nil {
		return fmt.Errorf("listing transcriptions: %w", err)
	}
	for i := 1; ; i++ {
		_, _ = fmt.Fprintf(out, "transcriptions, page %d of %d:\n", i, tpage.Meta.TotalPages)
		for _, tr := range tpage.Data {
			_, _ = fmt.Fprintf(out, "  %s  recording %s  %s  %q\n", tr.ID, tr.RecordingID, tr.Status, shorten(tr.TranscriptionText, 40))
		}
		if i == 2 {
			return nil
		}
		// Next returns ErrNoMorePages after the last page.
		if tpage, err = tpage.Next(ctx); errors.Is(err, telnyx.ErrNoMorePages) {
			return nil
		} else if err != nil {
			return fmt.Errorf("listing transcriptions: %w", err)
		}
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// shorten cuts s to n runes.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
