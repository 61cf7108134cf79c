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
		r := a.srv.SeedRecording(recordings.Recording{CreatedAt: telnyx.NewTimestamp(base.Add(time.Duration(i) * time.Hour)),
			From: fmt.Sprintf("+1%d", i%3), To: "+15550000"})
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
	eq(t, a.must(200, "POST", "/recordings/actions/delete", map[string]any{"ids": ids[1:11]})["status"], any("ok"), "bulk delete status")
	a.expectError(404, "10005", "", "GET", "/recordings/"+ids[5], nil)
	eq(t, meta(t, a.must(200, "GET", "/recordings", nil))["total_results"], 34.0, "after bulk delete")
}

// The filters of the current API (official SDK v4.97.0,
// RecordingListParamsFilter): the call, the conference region and the
// recording's start and end times.
func TestRecordingFiltersOnTheCall(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	base := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range 6 {
		end := base.Add(time.Duration(i) * time.Hour)
		a.srv.SeedRecording(recordings.Recording{
			CallControlID:      fmt.Sprintf("v3:call-%d", i%2),
			ConnectionID:       "1750",
			InitiatedBy:        recordings.InitiatedByDialVerb,
			RecordingStartedAt: telnyx.NewTimestamp(end.Add(-10 * time.Minute)),
			RecordingEndedAt:   telnyx.NewTimestamp(end),
		}, telnyxtest.WithConferenceRegion([]string{"us", "eu", "au"}[i%3]))
	}
	count := func(query string) int { return len(list(t, a.must(200, "GET", "/recordings?"+query, nil), "data")) }
	eq(t, count("filter[call_control_id]=v3:call-1"), 3, "call_control_id")
	eq(t, count("filter[conference_region]=eu"), 2, "conference_region")
	at := func(h time.Duration, m time.Duration) string {
		return url.QueryEscape(base.Add(h*time.Hour + m*time.Minute).Format(time.RFC3339))
	}
	eq(t, count("filter[end_time][gte]="+at(4, 0)), 2, "end_time gte, bound included")
	eq(t, count("filter[end_time][lte]="+at(1, 0)), 2, "end_time lte, bound included")
	eq(t, count("filter[start_time][gte]="+at(0, -10)+"&filter[start_time][lte]="+at(2, -10)), 3, "start_time range")
	eq(t, count("filter[call_control_id]=v3:call-0&filter[conference_region]=us"), 1, "filters combine")
	a.expectError(400, "10015", "filter[start_time][lte]", "GET", "/recordings?filter[start_time][lte]=soon", nil)

	got := list(t, a.must(200, "GET", "/recordings?page[size]=1", nil), "data")[0]
	eq(t, got["connection_id"], any("1750"), "connection_id answered")
	eq(t, got["initiated_by"], any("DialVerb"), "initiated_by answered")
	_, hidden := got["conference_region"]
	eq(t, hidden, false, "conference_region is not in the answer")
}

func TestTranscriptionNumberedPagingAndFilters(t *testing.T) {
	t.Parallel()
	a := newAPI(t)
	base := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	recording := "428c31b6-7af4-4bcb-b7f5-5013ef9657c1"
	var ids []string
	for i := 0; i < 12; i++ {
		tr := recordings.Transcription{TranscriptionText: fmt.Sprintf("t%d", i), CreatedAt: telnyx.NewTimestamp(base.Add(time.Duration(i) * time.Hour))}
		if i%4 == 0 {
			tr.RecordingID = recording
		}
		ids = append(ids, a.srv.SeedTranscription(tr).ID)
	}
	var got []string
	for n := 1; ; n++ {
		m := a.must(200, "GET", fmt.Sprintf("/recording_transcriptions?page[size]=5&page[number]=%d", n), nil)
		for _, d := range list(t, m, "data") {
			got = append(got, d["id"].(string))
		}
		mt := meta(t, m)
		eq(t, mt["total_results"], 12.0, "total_results")
		eq(t, mt["page_number"], float64(n), "page_number")
		if float64(n) == mt["total_pages"] {
			break
		}
	}
	eq(t, strings.Join(got, ","), strings.Join(ids, ","), "all transcriptions in order, in 3 pages")

	count := func(query string) int {
		return len(list(t, a.must(200, "GET", "/recording_transcriptions?"+query, nil), "data"))
	}
	eq(t, count("filter[recording_id]="+recording), 3, "recording_id")
	gte := url.QueryEscape(base.Add(8 * time.Hour).Format(time.RFC3339))
	eq(t, count("filter[created_at][gte]="+gte), 4, "created_at gte")
	eq(t, count("filter[created_at][gte]="+gte+"&filter[recording_id]="+recording), 1, "filters combine")

	a.expectError(400, "10015", "filter[recording_id]", "GET", "/recording_transcriptions?filter[recording_id]=nope", nil)
	a.expectError(400, "10015", "filter[created_at][lte]", "GET", "/recording_transcriptions?filter[created_at][lte]=soon", nil)
	a.expectError(400, "10015", "page[size]", "GET", "/recording_transcriptions?page[size]=251", nil)
	a.expectError(400, "10015", "page[number]", "GET", "/recording_transcriptions?page[number]=0", nil)

	one := data(t, a.must(200, "GET", "/recording_transcriptions/"+ids[3], nil))
	eq(t, one["record_type"], any("recording_transcription"), "record_type")
	eq(t, one["transcription_text"], any("t3"), "text")
	a.must(200, "DELETE", "/recording_transcriptions/"+ids[3], nil)
	a.expectError(404, "10005", "", "GET", "/recording_transcriptions/"+ids[3], nil)
	a.expectError(404, "10005", "", "DELETE", "/recording_transcriptions/"+ids[3], nil)
}
