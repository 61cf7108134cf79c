package recordings

import (
	"context"
	"iter"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// TranscriptionService reaches the /recording_transcriptions endpoints.
// Reach it as the Transcriptions field of a Service.
type TranscriptionService struct {
	client *telnyx.Client
}

// TranscriptionStatus is the state of a transcription.
type TranscriptionStatus string

// Transcription states. Only a completed transcription has text.
const (
	TranscriptionStatusInProgress TranscriptionStatus = "in-progress"
	TranscriptionStatusCompleted  TranscriptionStatus = "completed"
)

// Transcription is the text of a recording.
type Transcription struct {
	ID         string     `json:"id"`
	RecordType RecordType `json:"record_type"`
	// RecordingID is the recording this is the text of.
	RecordingID string              `json:"recording_id"`
	Status      TranscriptionStatus `json:"status"`
	// TranscriptionText is empty until Status is completed.
	TranscriptionText string `json:"transcription_text"`
	// DurationMillis is the length of the transcribed audio in milliseconds.
	DurationMillis int              `json:"duration_millis"`
	CreatedAt      telnyx.Timestamp `json:"created_at"`
	UpdatedAt      telnyx.Timestamp `json:"updated_at"`
}

// TranscriptionListParams select a page of transcriptions. The list is
// numbered, as the official SDK v4.97.0 model
// RecordingTranscriptionListParams pages it. The zero value lists all.
type TranscriptionListParams struct {
	Filter *TranscriptionFilter `url:"filter,omitempty"`
	Page   telnyx.PageParams    `url:"page,omitempty"`
}

// TranscriptionFilter selects transcriptions; every field set must match.
type TranscriptionFilter struct {
	// RecordingID, a UUID, selects the transcriptions of one recording.
	RecordingID string     `url:"recording_id,omitempty"`
	CreatedAt   *TimeRange `url:"created_at,omitempty"`
}

// Validate checks the recording id, the time range and the page bounds.
func (p TranscriptionListParams) Validate() error {
	if f := p.Filter; f != nil {
		if err := checkUUID("filter[recording_id]", f.RecordingID); err != nil {
			return err
		}
		if err := f.CreatedAt.check("filter[created_at]"); err != nil {
			return err
		}
	}
	return p.Page.Validate()
}

const transcriptionPath = "/recording_transcriptions/{recording_transcription_id}"

func transcriptionListRequest(params TranscriptionListParams) telnyx.Request {
	return telnyx.Request{Method: http.MethodGet, Path: "/recording_transcriptions", Query: params}
}

// List returns one page of transcriptions.
//
// API: GET /recording_transcriptions
func (s *TranscriptionService) List(ctx context.Context, params TranscriptionListParams, opts ...option.RequestOption) (*telnyx.Page[Transcription], error) {
	return telnyx.ListPage[Transcription](ctx, s.client, transcriptionListRequest(params), opts...)
}

// ListAutoPaging iterates over every transcription matching params,
// fetching pages as the loop needs them.
//
// API: GET /recording_transcriptions
func (s *TranscriptionService) ListAutoPaging(ctx context.Context, params TranscriptionListParams, opts ...option.RequestOption) iter.Seq2[Transcription, error] {
	return telnyx.ListAll[Transcription](ctx, s.client, transcriptionListRequest(params), opts...)
}

// Get returns the transcription with the given id, a UUID.
//
// API: GET /recording_transcriptions/{recording_transcription_id}
func (s *TranscriptionService) Get(ctx context.Context, id string, opts ...option.RequestOption) (*Transcription, error) {
	return telnyx.Call[Transcription](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: transcriptionPath, PathParams: []string{id}}, opts...)
}

// Delete removes the transcription with the given id, a UUID, and returns
// it as it was.
//
// API: DELETE /recording_transcriptions/{recording_transcription_id}
func (s *TranscriptionService) Delete(ctx context.Context, id string, opts ...option.RequestOption) (*Transcription, error) {
	return telnyx.Call[Transcription](ctx, s.client, telnyx.Request{Method: http.MethodDelete, Path: transcriptionPath, PathParams: []string{id}}, opts...)
}
