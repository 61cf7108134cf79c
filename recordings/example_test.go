package recordings_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

func ExampleService() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":[{"id":"rec-1","duration_millis":60000,"download_urls":{"mp3":"https://cdn.example/rec-1.mp3"}}],"meta":{"page_number":1,"total_pages":1}}`)
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	if err != nil {
		panic(err)
	}
	svc := recordings.NewService(c)

	conference := "428c31b6-7af4-4bcb-b7f5-5013ef9657c1"
	params := recordings.ListParams{Filter: &recordings.Filter{ConferenceID: &conference}}
	for rec, err := range svc.ListAutoPaging(context.Background(), params) {
		if err != nil {
			panic(err)
		}
		fmt.Println(rec.ID, rec.DurationMillis, rec.DownloadURLs.MP3)
	}
	// Output:
	// rec-1 60000 https://cdn.example/rec-1.mp3
}

func ExampleTranscriptionService() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page[after]") == "" {
			_, _ = io.WriteString(w, `{"data":[{"id":"t1","status":"completed","transcription_text":"Hello"}],"meta":{"cursors":{"after":"c1"}}}`)
			return
		}
		_, _ = io.WriteString(w, `{"data":[{"id":"t2","status":"in-progress"}],"meta":{"cursors":{}}}`)
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	if err != nil {
		panic(err)
	}
	svc := recordings.NewTranscriptionService(c)

	for tr, err := range svc.ListAutoPaging(context.Background(), recordings.TranscriptionListParams{}) {
		if err != nil {
			panic(err)
		}
		fmt.Printf("%s %s %q\n", tr.ID, tr.Status, tr.TranscriptionText)
	}
	// Output:
	// t1 completed "Hello"
	// t2 in-progress ""
}
