package recordings_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

const recordingData = `{
	"call_control_id":"v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw",
	"call_leg_id":"84a97d76-e40f-11ed-9074-02420a0daa69",
	"call_session_id":"84a97d76-e40f-11ed-9074-02420a0daa70",
	"channels":"dual",
	"conference_id":"84a97d76-e40f-11ed-9074-02420a0daa71",
	"connection_id":"1684641123236054244",
	"from":"+15551234567",
	"to":"+15557654321",
	"initiated_by":"StartCallRecordingAPI",
	"created_at":"2018-02-02T22:25:27.521Z",
	"download_urls":{"mp3":"https://cdn.test/r.mp3","wav":"https://cdn.test/r.wav"},
	"duration_millis":60000,
	"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6",
	"record_type":"recording",
	"recording_started_at":"2019-01-23T18:10:02.574Z",
	"recording_ended_at":"2019-01-23T18:11:02.574Z",
	"source":"conference",
	"status":"completed",
	"updated_at":"2018-02-02T22:25:28Z",
	"new_field":{"x":1}
}`

const recordingJSON = `{"data":` + recordingData + `}`

func at(year int, month time.Month, day, hour, minute, sec, msec int) telnyx.Timestamp {
	return telnyx.NewTimestamp(time.Date(year, month, day, hour, minute, sec, msec*1e6, time.UTC))
}

var recording = &recordings.Recording{
	ID:                 "3fa85f64-5717-4562-b3fc-2c963f66afa6",
	RecordType:         recordings.RecordTypeRecording,
	CallControlID:      "v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw",
	CallLegID:          "84a97d76-e40f-11ed-9074-02420a0daa69",
	CallSessionID:      "84a97d76-e40f-11ed-9074-02420a0daa70",
	ConferenceID:       "84a97d76-e40f-11ed-9074-02420a0daa71",
	ConnectionID:       "1684641123236054244",
	From:               "+15551234567",
	To:                 "+15557654321",
	InitiatedBy:        recordings.InitiatedByStartCallRecordingAPI,
	Channels:           recordings.ChannelsDual,
	Source:             recordings.SourceConference,
	Status:             recordings.StatusCompleted,
	DownloadURLs:       recordings.DownloadURLs{MP3: "https://cdn.test/r.mp3", WAV: "https://cdn.test/r.wav"},
	DurationMillis:     60000,
	RecordingStartedAt: at(2019, 1, 23, 18, 10, 2, 574),
	RecordingEndedAt:   at(2019, 1, 23, 18, 11, 2, 574),
	CreatedAt:          at(2018, 2, 2, 22, 25, 27, 521),
	UpdatedAt:          at(2018, 2, 2, 22, 25, 28, 0),
}

const transcriptionData = `{"created_at":"2018-02-02T22:25:27.521Z","duration_millis":60000,"id":"6a09cdc3-8948-47f0-aa62-74ac943d6c58","recording_id":"3fa85f64-5717-4562-b3fc-2c963f66afa6","record_type":"recording_transcription","status":"completed","transcription_text":"Good morning, how may I help you?","updated_at":"2018-02-02T22:25:28.521Z"}`

const transcriptionJSON = `{"data":` + transcriptionData + `}`

var transcription = &recordings.Transcription{
	ID:                "6a09cdc3-8948-47f0-aa62-74ac943d6c58",
	RecordType:        recordings.RecordTypeTranscription,
	RecordingID:       "3fa85f64-5717-4562-b3fc-2c963f66afa6",
	Status:            recordings.TranscriptionStatusCompleted,
	TranscriptionText: "Good morning, how may I help you?",
	DurationMillis:    60000,
	CreatedAt:         at(2018, 2, 2, 22, 25, 27, 521),
	UpdatedAt:         at(2018, 2, 2, 22, 25, 28, 521),
}

const transcriptionID = "6a09cdc3-8948-47f0-aa62-74ac943d6c58"

func setup(t *testing.T) (*recordings.Service, *testutil.Recorder) {
	t.Helper()
	c, rec := testutil.NewClient(t)
	return recordings.New(c), rec
}

var (
	gte = telnyx.NewTimestamp(time.Date(2019, 3, 29, 11, 10, 0, 0, time.UTC))
	lte = telnyx.NewTimestamp(time.Date(2019, 3, 30, 12, 0, 0, 5e8, time.FixedZone("CET", 3600)))
)

var listParams = recordings.ListParams{
	Filter: &recordings.ListFilter{
		ConferenceID:     "conf-1",
		ConferenceRegion: "eu central",
		CreatedAt:        &recordings.TimeRange{GTE: &gte, LTE: &lte},
		StartTime:        &recordings.TimeRange{GTE: &gte},
		EndTime:          &recordings.TimeRange{LTE: &lte},
		CallControlID:    "v3:e-31On+vjEM7Y4",
		CallLegID:        "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
		CallSessionID:    "428C31B6-7AF4-4BCB-B7F5-5013EF9657C2",
		From:             "+15551234567",
		To:               "+15557654321",
		ConnectionID:     "175237942907135762",
		SIPCallID:        "sip&call=1",
	},
	Page: telnyx.PageParams{Number: 2, Size: 5},
}

var listQuery = url.Values{
	"filter[conference_id]":     {"conf-1"},
	"filter[conference_region]": {"eu central"},
	"filter[created_at][gte]":   {"2019-03-29T11:10:00Z"},
	"filter[created_at][lte]":   {"2019-03-30T12:00:00.5+01:00"},
	"filter[start_time][gte]":   {"2019-03-29T11:10:00Z"},
	"filter[end_time][lte]":     {"2019-03-30T12:00:00.5+01:00"},
	"filter[call_control_id]":   {"v3:e-31On+vjEM7Y4"},
	"filter[call_leg_id]":       {"428c31b6-7af4-4bcb-b7f5-5013ef9657c1"},
	"filter[call_session_id]":   {"428C31B6-7AF4-4BCB-B7F5-5013EF9657C2"},
	"filter[from]":              {"+15551234567"},
	"filter[to]":                {"+15557654321"},
	"filter[connection_id]":     {"175237942907135762"},
	"filter[sip_call_id]":       {"sip&call=1"},
	"page[number]":              {"2"},
	"page[size]":                {"5"},
}

const (
	recordingTemplate     = "/recordings/{recording_id}"
	transcriptionTemplate = "/recording_transcriptions/{recording_transcription_id}"
)

// page is what a first page holds.
type page[T any] struct {
	Data []T
	Meta telnyx.PageMeta
}

func first[T any](p *telnyx.Page[T], err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return page[T]{p.Data, p.Meta}, nil
}

func TestMethods(t *testing.T) {
	t.Parallel()
	testutil.Run(t, []testutil.Case{
		{
			Name: "List", Method: http.MethodGet, Path: "/recordings", Query: listQuery, Status: http.StatusOK,
			Answer: `{"data":[` + recordingData + `],"meta":{"page_number":2,"page_size":5,"total_pages":2,"total_results":6}}`,
			Want:   page[recordings.Recording]{[]recordings.Recording{*recording}, telnyx.PageMeta{PageNumber: 2, PageSize: 5, TotalPages: 2, TotalResults: 6}},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return first(recordings.New(c).List(ctx, listParams))
			},
		},
		{
			Name: "ListAutoPaging", Method: http.MethodGet, Path: "/recordings", Query: listQuery, Status: http.StatusOK,
			Answer: `{"data":[` + recordingData + `],"meta":{"page_number":2,"page_size":5,"total_pages":2,"total_results":6}}`,
			Want:   []recordings.Recording{*recording},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return telnyx.Collect(recordings.New(c).ListAutoPaging(ctx, listParams), 0)
			},
		},
		{
			Name: "Get", Method: http.MethodGet, Path: "/recordings/a%2F..%2Fb%23c%3Fd%25", Status: http.StatusOK, Answer: recordingJSON, Want: recording,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).Get(ctx, "a/../b#c?d%")
			},
			Template: recordingTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := recordings.New(c).Get(ctx, v)
				return err
			},
		},
		{
			Name: "Delete", Method: http.MethodDelete, Path: "/recordings/3fa85f64-5717-4562-b3fc-2c963f66afa6", Status: http.StatusOK, Answer: recordingJSON, Want: recording,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).Delete(ctx, "3fa85f64-5717-4562-b3fc-2c963f66afa6")
			},
			Template: recordingTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := recordings.New(c).Delete(ctx, v)
				return err
			},
		},
		{
			Name: "DeleteMany", Method: http.MethodPost, Path: "/recordings/actions/delete", Status: http.StatusOK,
			Body: `{"ids":["428c31b6-1","428c31b6-2"]}`, Answer: `{"status":"ok"}`,
			Want: &recordings.DeleteManyResult{Status: recordings.DeleteManyStatusOK},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).DeleteMany(ctx, []string{"428c31b6-1", "428c31b6-2"})
			},
		},
		{
			Name: "DeleteMany answered 204", Method: http.MethodPost, Path: "/recordings/actions/delete", Status: http.StatusNoContent,
			Body: `{"ids":["428c31b6-1"]}`, Want: &recordings.DeleteManyResult{},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).DeleteMany(ctx, []string{"428c31b6-1"})
			},
		},
		{
			Name: "Transcriptions.List", Method: http.MethodGet, Path: "/recording_transcriptions",
			Query: url.Values{
				"page[size]": {"1"}, "page[number]": {"2"},
				"filter[recording_id]":    {"3fa85f64-5717-4562-b3fc-2c963f66afa6"},
				"filter[created_at][gte]": {"2019-03-29T11:10:00Z"},
				"filter[created_at][lte]": {"2019-03-30T12:00:00.5+01:00"},
			}, Status: http.StatusOK,
			Answer: `{"data":[` + transcriptionData + `],"meta":{"page_number":2,"page_size":1,"total_pages":3,"total_results":3}}`,
			Want: page[recordings.Transcription]{[]recordings.Transcription{*transcription},
				telnyx.PageMeta{PageNumber: 2, PageSize: 1, TotalPages: 3, TotalResults: 3}},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				params := recordings.TranscriptionListParams{
					Filter: &recordings.TranscriptionFilter{RecordingID: "3fa85f64-5717-4562-b3fc-2c963f66afa6", CreatedAt: &recordings.TimeRange{GTE: &gte, LTE: &lte}},
					Page:   telnyx.PageParams{Number: 2, Size: 1},
				}
				return first(recordings.New(c).Transcriptions.List(ctx, params))
			},
		},
		{
			Name: "Transcriptions.ListAutoPaging", Method: http.MethodGet, Path: "/recording_transcriptions",
			Query: url.Values{"page[number]": {"3"}}, Status: http.StatusOK,
			Answer: `{"data":[` + transcriptionData + `],"meta":{"page_number":3,"page_size":20,"total_pages":3,"total_results":41}}`,
			Want:   []recordings.Transcription{*transcription},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				params := recordings.TranscriptionListParams{Page: telnyx.PageParams{Number: 3}}
				return telnyx.Collect(recordings.New(c).Transcriptions.ListAutoPaging(ctx, params), 0)
			},
		},
		{
			Name: "Transcriptions.Get", Method: http.MethodGet, Path: "/recording_transcriptions/" + transcriptionID,
			Status: http.StatusOK, Answer: transcriptionJSON, Want: transcription,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).Transcriptions.Get(ctx, transcriptionID)
			},
			Template: transcriptionTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := recordings.New(c).Transcriptions.Get(ctx, v)
				return err
			},
		},
		{
			Name: "Transcriptions.Delete", Method: http.MethodDelete, Path: "/recording_transcriptions/" + transcriptionID,
			Status: http.StatusOK, Answer: transcriptionJSON, Want: transcription,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).Transcriptions.Delete(ctx, transcriptionID)
			},
			Template: transcriptionTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := recordings.New(c).Transcriptions.Delete(ctx, v)
				return err
			},
		},
	})
}

func TestNullsAndUnknownEnumValuesDecode(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":{"id":"r1","conference_id":null,"download_urls":{"mp3":"https://cdn.test/r.mp3","wav":null},`+
		`"channels":"quad","source":"call","status":"deleted","created_at":null,"recording_started_at":"not a time"}}`)
	got, err := svc.Get(t.Context(), "r1")
	require.NoError(t, err)
	assert.Equal(t, &recordings.Recording{ID: "r1", DownloadURLs: recordings.DownloadURLs{MP3: "https://cdn.test/r.mp3"},
		Channels: "quad", Source: recordings.SourceCall, Status: "deleted"}, got)
}

func TestListLeavesOutUnsetFilters(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":[],"meta":{"total_pages":0}}`)
	_, err := svc.List(t.Context(), recordings.ListParams{})
	require.NoError(t, err)
	assert.Empty(t, rec.Last(t).Query)

	rec.Reset()
	since := telnyx.Date(2024, 1, 2)
	_, err = svc.List(t.Context(), recordings.ListParams{Filter: &recordings.ListFilter{CreatedAt: &recordings.TimeRange{GTE: &since}}})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"filter[created_at][gte]": {"2024-01-02T00:00:00Z"}}, rec.Last(t).Query)
}

func TestDeleteManyIsNotRetriedByDefault(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusBadGateway, "<html>bad gateway</html>")
	_, err := svc.DeleteMany(t.Context(), []string{"a"})
	require.ErrorIs(t, err, telnyx.ErrServer)
	assert.Len(t, rec.Requests(), 1)
}

func TestValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	ctx := t.Context()
	early, late := telnyx.NewTimestamp(time.Now()), telnyx.NewTimestamp(time.Now().Add(-time.Hour))
	list := func(f recordings.ListFilter) func() error {
		return func() error { _, err := svc.List(ctx, recordings.ListParams{Filter: &f}); return err }
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"ids", func() error { _, err := svc.DeleteMany(ctx, nil); return err }},
		{"ids", func() error { _, err := svc.DeleteMany(ctx, []string{}); return err }},
		{"ids", func() error { _, err := svc.DeleteMany(ctx, []string{"a", ""}); return err }},
		{"recording_id", func() error { _, err := svc.Get(ctx, ""); return err }},
		{"recording_id", func() error { _, err := svc.Delete(ctx, ".."); return err }},
		{"recording_id", func() error { _, err := svc.Get(ctx, "actions"); return err }},
		{"filter[call_leg_id]", list(recordings.ListFilter{CallLegID: "leg-1"})},
		{"filter[call_leg_id]", list(recordings.ListFilter{CallLegID: "428c31b6-7af4-4bcb-b7f5-5013ef9657cg"})},
		{"filter[call_session_id]", list(recordings.ListFilter{CallSessionID: "{428c31b6-7af4-4bcb-b7f5-5013ef9657c1}"})},
		{"filter[created_at][gte]", list(recordings.ListFilter{CreatedAt: &recordings.TimeRange{GTE: &early, LTE: &late}})},
		{"filter[start_time][gte]", list(recordings.ListFilter{StartTime: &recordings.TimeRange{GTE: &early, LTE: &late}})},
		{"filter[end_time][gte]", list(recordings.ListFilter{EndTime: &recordings.TimeRange{GTE: &early, LTE: &late}})},
		{"filter[recording_id]", func() error {
			params := recordings.TranscriptionListParams{Filter: &recordings.TranscriptionFilter{RecordingID: "rec-1"}}
			_, err := svc.Transcriptions.List(ctx, params)
			return err
		}},
		{"filter[created_at][gte]", func() error {
			params := recordings.TranscriptionListParams{Filter: &recordings.TranscriptionFilter{CreatedAt: &recordings.TimeRange{GTE: &early, LTE: &late}}}
			_, err := telnyx.Collect(svc.Transcriptions.ListAutoPaging(ctx, params), 0)
			return err
		}},
		{"page[size]", func() error {
			_, err := svc.Transcriptions.List(ctx, recordings.TranscriptionListParams{Page: telnyx.PageParams{Size: 300}})
			return err
		}},
		{"page[size]", func() error {
			_, err := svc.List(ctx, recordings.ListParams{Page: telnyx.PageParams{Size: 251}})
			return err
		}},
		{"page[number]", func() error {
			_, err := telnyx.Collect(svc.ListAutoPaging(ctx, recordings.ListParams{Page: telnyx.PageParams{Number: -2}}), 0)
			return err
		}},
		{"filter[call_session_id]", func() error {
			params := recordings.ListParams{Filter: &recordings.ListFilter{CallSessionID: "s"}}
			_, err := telnyx.Collect(svc.ListAutoPaging(ctx, params), 0)
			return err
		}},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
