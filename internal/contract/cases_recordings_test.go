package contract

import (
	"context"
	"net/url"
	"time"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/recordings"
)

const (
	recordingID     = "428c31b6-7af4-4bcb-b7f5-5013ef9657c1"
	transcriptionID = "6a09cdc3-8948-47f0-aa62-74ac943d6c58"
)

func init() {
	from := telnyx.NewTimestamp(time.Date(2019, 3, 29, 11, 10, 0, 0, time.UTC))
	to := telnyx.NewTimestamp(from.Add(24 * time.Hour))
	register(
		contractCase{
			op: "GetRecordings",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dataPage(recordings.New(c).List(ctx, recordings.ListParams{
					Filter: &recordings.ListFilter{
						ConferenceID:     "428c31b6-7af4-4bcb-b7f5-5013ef9657c1",
						ConferenceRegion: "us",
						CreatedAt:        &recordings.TimeRange{GTE: &from, LTE: &to},
						StartTime:        &recordings.TimeRange{GTE: &from, LTE: &to},
						EndTime:          &recordings.TimeRange{GTE: &from, LTE: &to},
						CallControlID:    "v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw",
						CallLegID:        "428c31b6-7af4-4bcb-b7f5-5013ef9657c2",
						CallSessionID:    "428c31b6-7af4-4bcb-b7f5-5013ef9657c3",
						From:             "+15551230000",
						To:               "+15551239999",
						ConnectionID:     "175237942907135762",
						SIPCallID:        "a1b2c3@sip.example.com",
					},
					Page: telnyx.PageParams{Number: 2, Size: 25},
				}))
			},
			check: wantQuery(url.Values{
				"filter[conference_id]":     {"428c31b6-7af4-4bcb-b7f5-5013ef9657c1"},
				"filter[conference_region]": {"us"},
				"filter[created_at][gte]":   {"2019-03-29T11:10:00Z"},
				"filter[created_at][lte]":   {"2019-03-30T11:10:00Z"},
				"filter[start_time][gte]":   {"2019-03-29T11:10:00Z"},
				"filter[start_time][lte]":   {"2019-03-30T11:10:00Z"},
				"filter[end_time][gte]":     {"2019-03-29T11:10:00Z"},
				"filter[end_time][lte]":     {"2019-03-30T11:10:00Z"},
				"filter[call_control_id]":   {"v3:e-31OnvjEM7Y4wvxr3TKNk8M3QyLcGZPiUIzCGtwQtOtEjY-B0urkw"},
				"filter[call_leg_id]":       {"428c31b6-7af4-4bcb-b7f5-5013ef9657c2"},
				"filter[call_session_id]":   {"428c31b6-7af4-4bcb-b7f5-5013ef9657c3"},
				"filter[from]":              {"+15551230000"},
				"filter[to]":                {"+15551239999"},
				"filter[connection_id]":     {"175237942907135762"},
				"filter[sip_call_id]":       {"a1b2c3@sip.example.com"},
				"page[number]":              {"2"},
				"page[size]":                {"25"},
			}),
		},
		contractCase{
			op: "GetRecording", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).Get(ctx, recordingID)
			},
			check: wantPath("/v2/recordings/" + recordingID),
		},
		contractCase{
			op: "DeleteRecording", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).Delete(ctx, recordingID)
			},
		},
		contractCase{
			op: "DeleteRecordings",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).DeleteMany(ctx, []string{recordingID, "428c31b6-7af4-4bcb-b7f5-5013ef9657c2"})
			},
			check: wantJSON(`{"ids":["` + recordingID + `","428c31b6-7af4-4bcb-b7f5-5013ef9657c2"]}`),
		},
		contractCase{
			op: "getRecordingTranscriptions",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return dataPage(recordings.New(c).Transcriptions.List(ctx, recordings.TranscriptionListParams{
					Filter: &recordings.TranscriptionFilter{RecordingID: recordingID, CreatedAt: &recordings.TimeRange{GTE: &from, LTE: &to}},
					Page:   telnyx.PageParams{Number: 2, Size: 10},
				}))
			},
			check: wantQuery(url.Values{
				"filter[recording_id]":    {recordingID},
				"filter[created_at][gte]": {"2019-03-29T11:10:00Z"},
				"filter[created_at][lte]": {"2019-03-30T11:10:00Z"},
				"page[number]":            {"2"},
				"page[size]":              {"10"},
			}),
		},
		contractCase{
			op: "getRecordingTranscription", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).Transcriptions.Get(ctx, transcriptionID)
			},
			check: wantPath("/v2/recording_transcriptions/" + transcriptionID),
		},
		contractCase{
			op: "deleteRecordingTranscription", at: "/data",
			call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return recordings.New(c).Transcriptions.Delete(ctx, transcriptionID)
			},
		},
	)
}
