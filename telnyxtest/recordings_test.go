package telnyxtest_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
	"github.com/telnyx-sip-integrations/telnyx-go/telnyxtest"
)

func TestRecordings(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	base := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	var ids []string
	for i := 0; i < 45; i++ {
		r := a.srv.SeedRecording(recordings.Recording{CreatedAt: telnyx.NewTimestamp(base.Add(time.Duration(i) * time.Hour))},
			telnyxtest.WithParties(fmt.Sprintf("+1%d", i%3), "+15550000"))
		ids = append(ids, r.ID)
		if i == 0 {
			eq(t, r.RecordType, "recording", "record_type default")
			eq(t, r.Status, recordings.StatusCompleted, "status default")
			eq(t, r.RecordingStartedAt.Equal(telnyx.NewTimestamp(base.Add(-time.Minute))), true, "started DurationMillis before the end")
		}
	}
	// Default page size for recordings is 20.
	m := a.must(200, "GET", "/recordings", nil)
	eq(t, len(list(t, m, "data")), 20, "default page")
	mt := meta(t, m)
	eq(t, mt["total_pages"], 3.0, "pages")
	eq(t, mt["total_results"], 45.0, "results")
	m = a.must(200, "GET", "/recordings?page[number]=3", nil)
	eq(t, len(list(t, m, "data")), 5, "last page")

	gte := url.QueryEscape(base.Add(40 * time.Hour).Format(time.RFC3339))
	m = a.must(200, "GET", "/recordings?filter[created_at][gte]="+gte, nil)
	eq(t, len(list(t, m, "data")), 5, "created_at gte")
	lte := url.QueryEscape(base.Add(9 * time.Hour).Format(time.RFC3339))
	m = a.must(200, "GET", "/recordings?filter[created_at][gte]="+gte+"&filter[created_at][lte]="+lte, nil)
	eq(t, len(list(t, m, "data")), 0, "empty range")
	m = a.must(200, "GET", "/recordings?filter[from]=%2B10&page[size]=250", nil)
	eq(t, len(list(t, m, "data")), 15, "from filter")
	a.expectError(400, "10015", "filter[created_at][gte]", "GET", "/recordings?filter[created_at][gte]=yesterday", nil)

	got := data(t, a.must(200, "GET", "/recordings/"+ids[0], nil))
	eq(t, got["id"], any(ids[0]), "get")
	del := data(t, a.must(200, "DELETE", "/recordings/"+ids[0], nil))
	eq(t, del["id"], any(ids[0]), "delete returns recording")
	a.expectError(404, "10005", "", "GET", "/recordings/"+ids[0], nil)

	a.expectError(400, "10015", "/ids", "POST", "/recordings/actions/delete", map[string]any{})
	a.must(204, "POST", "/recordings/actions/delete", map[string]any{"ids": ids[1:11]})
	a.expectError(404, "10005", "", "GET", "/recordings/"+ids[5], nil)
	eq(t, meta(t, a.must(200, "GET", "/recordings", nil))["total_results"], 34.0, "after bulk delete")
}

func TestTranscriptionCursorPaging(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	var ids []string
	for i := 0; i < 12; i++ {
		tr := a.srv.SeedTranscription(recordings.Transcription{TranscriptionText: fmt.Sprintf("t%d", i)})
		ids = append(ids, tr.ID)
	}
	var got []string
	next := "/recording_transcriptions?page[size]=5"
	var pages []map[string]any
	for next != "" {
		m := a.must(200, "GET", next, nil)
		pages = append(pages, m)
		for _, d := range list(t, m, "data") {
			got = append(got, d["id"].(string))
		}
		mt := m["meta"].(map[string]any)
		if _, ok := mt["cursors"].(map[string]any); !ok {
			t.Fatalf("no cursors in %v", mt)
		}
		n, _ := mt["next"].(string)
		if n == "" {
			if after, _ := mt["cursors"].(map[string]any)["after"].(string); after != "" {
				t.Fatalf("last page has after cursor %q", after)
			}
			break
		}
		if !strings.HasPrefix(n, "/v2/recording_transcriptions?page[after]=") {
			t.Fatalf("next link %q", n)
		}
		next = strings.TrimPrefix(n, "/v2")
	}
	eq(t, len(pages), 3, "pages")
	eq(t, strings.Join(got, ","), strings.Join(ids, ","), "all transcriptions in order")

	// Go back from the last page.
	last := pages[2]["meta"].(map[string]any)
	prev := strings.TrimPrefix(last["previous"].(string), "/v2")
	m := a.must(200, "GET", prev, nil)
	back := list(t, m, "data")
	eq(t, len(back), 5, "previous page size")
	eq(t, back[0]["id"], any(ids[5]), "previous page start")

	before := pages[0]["meta"].(map[string]any)["cursors"].(map[string]any)
	if _, ok := before["before"]; ok {
		t.Fatalf("first page has before cursor: %v", before)
	}

	a.expectError(400, "10015", "page[after]", "GET", "/recording_transcriptions?page[after]=garbage", nil)
	a.expectError(400, "10015", "page[size]", "GET", "/recording_transcriptions?page[size]=251", nil)

	one := data(t, a.must(200, "GET", "/recording_transcriptions/"+ids[3], nil))
	eq(t, one["record_type"], any("recording_transcription"), "record_type")
	eq(t, one["transcription_text"], any("t3"), "text")
	a.must(200, "DELETE", "/recording_transcriptions/"+ids[3], nil)
	a.expectError(404, "10005", "", "GET", "/recording_transcriptions/"+ids[3], nil)
	a.expectError(404, "10005", "", "DELETE", "/recording_transcriptions/"+ids[3], nil)
}
