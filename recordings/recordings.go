package recordings

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /recordings endpoints; its Transcriptions field
// reaches their transcriptions. It is cheap to build and safe for
// concurrent use.
type Service struct {
	client *telnyx.Client

	// Transcriptions reads and deletes the transcriptions of recordings.
	Transcriptions *TranscriptionService
}

// New returns a Service, with its Transcriptions, that sends its requests
// through client, sharing its connection pool and retry budget; opts, as in [telnyx.Client.With],
// are defaults of every call of the service.
func New(client *telnyx.Client, opts ...option.RequestOption) *Service {
	client = client.With(opts...)
	return &Service{client: client, Transcriptions: &TranscriptionService{client: client}}
}

// Channels is how the parties of a call are laid out in the audio file.
type Channels string

// Channel layouts.
const (
	// ChannelsSingle mixes every party into one channel.
	ChannelsSingle Channels = "single"
	// ChannelsDual puts the first leg on one channel and the rest on the other.
	ChannelsDual Channels = "dual"
)

// Source is what a recording was made of.
type Source string

// Recording sources.
const (
	SourceConference Source = "conference"
	SourceCall       Source = "call"
)

// RecordType names the kind of object an answer holds.
type RecordType string

// The record types of this package's answers.
const (
	RecordTypeRecording     RecordType = "recording"
	RecordTypeTranscription RecordType = "recording_transcription"
)

// InitiatedBy is what started a recording. The API may add values; the
// known ones follow (official SDK v4.97.0, RecordingResponseData).
type InitiatedBy string

// Known starters of a recording.
const (
	InitiatedByDialVerb                    InitiatedBy = "DialVerb"
	InitiatedByConference                  InitiatedBy = "Conference"
	InitiatedByOutboundAPI                 InitiatedBy = "OutboundAPI"
	InitiatedByTrunking                    InitiatedBy = "Trunking"
	InitiatedByRecordVerb                  InitiatedBy = "RecordVerb"
	InitiatedByStartCallRecordingAPI       InitiatedBy = "StartCallRecordingAPI"
	InitiatedByStartConferenceRecordingAPI InitiatedBy = "StartConferenceRecordingAPI"
)

// Status is the state of a recording.
type Status string

// StatusCompleted is the only state the API reports today.
const StatusCompleted Status = "completed"

// Recording is a stored call recording.
type Recording struct {
	ID         string     `json:"id"`
	RecordType RecordType `json:"record_type"`
	// CallControlID is the token that controlled the recorded call.
	CallControlID string `json:"call_control_id"`
	CallLegID     string `json:"call_leg_id"`
	CallSessionID string `json:"call_session_id"`
	// ConferenceID is set for recordings of a conference.
	ConferenceID string `json:"conference_id"`
	// ConnectionID is the application (Call Control, TeXML) or SIP
	// connection the call went through.
	ConnectionID string `json:"connection_id"`
	// From and To are the caller and the callee of the recorded call.
	From         string       `json:"from"`
	To           string       `json:"to"`
	InitiatedBy  InitiatedBy  `json:"initiated_by"`
	Channels     Channels     `json:"channels"`
	Source       Source       `json:"source"`
	Status       Status       `json:"status"`
	DownloadURLs DownloadURLs `json:"download_urls"`
	// DurationMillis is the length of the recording in milliseconds.
	DurationMillis     int              `json:"duration_millis"`
	RecordingStartedAt telnyx.Timestamp `json:"recording_started_at"`
	RecordingEndedAt   telnyx.Timestamp `json:"recording_ended_at"`
	CreatedAt          telnyx.Timestamp `json:"created_at"`
	UpdatedAt          telnyx.Timestamp `json:"updated_at"`
}

// DownloadURLs are links to the recording's audio, one per format the API
// produced; a format not produced is empty.
type DownloadURLs struct {
	MP3 string `json:"mp3"`
	WAV string `json:"wav"`
}

// ListParams narrow a listing of recordings. The zero value lists all.
type ListParams struct {
	Filter *ListFilter       `url:"filter,omitempty"`
	Page   telnyx.PageParams `url:"page,omitempty"`
}

// ListFilter selects recordings. Every field set must match; string
// matches are exact and case-sensitive. The filters on the call
// (CallControlID, ConferenceRegion, StartTime, EndTime) follow the official
// SDK v4.97.0 model RecordingListParamsFilter.
type ListFilter struct {
	ConferenceID string `url:"conference_id,omitempty"`
	// ConferenceRegion selects recordings of conferences held in a region.
	ConferenceRegion string     `url:"conference_region,omitempty"`
	CreatedAt        *TimeRange `url:"created_at,omitempty"`
	// StartTime and EndTime bound when the recording started and ended.
	StartTime *TimeRange `url:"start_time,omitempty"`
	EndTime   *TimeRange `url:"end_time,omitempty"`
	// CallControlID selects the recordings of one call.
	CallControlID string `url:"call_control_id,omitempty"`
	// CallLegID and CallSessionID are UUIDs.
	CallLegID     string `url:"call_leg_id,omitempty"`
	CallSessionID string `url:"call_session_id,omitempty"`
	From          string `url:"from,omitempty"`
	To            string `url:"to,omitempty"`
	ConnectionID  string `url:"connection_id,omitempty"`
	SIPCallID     string `url:"sip_call_id,omitempty"`
}

// TimeRange bounds a time, both ends included; either end may be left
// open. Times are sent in RFC 3339.
type TimeRange struct {
	GTE *telnyx.Timestamp `url:"gte,omitempty"`
	LTE *telnyx.Timestamp `url:"lte,omitempty"`
}

// check refuses a range whose start is after its end.
func (r *TimeRange) check(field string) error {
	if r != nil && r.GTE != nil && r.LTE != nil && r.GTE.After(r.LTE.Time) {
		return &telnyx.ValidationError{Field: field + "[gte]", Reason: "must not be after " + field + "[lte]"}
	}
	return nil
}

// Validate checks the id formats, the time ranges and the page bounds.
func (p ListParams) Validate() error {
	if f := p.Filter; f != nil {
		for _, err := range []error{
			checkUUID("filter[call_leg_id]", f.CallLegID),
			checkUUID("filter[call_session_id]", f.CallSessionID),
			f.CreatedAt.check("filter[created_at]"),
			f.StartTime.check("filter[start_time]"),
			f.EndTime.check("filter[end_time]"),
		} {
			if err != nil {
				return err
			}
		}
	}
	return p.Page.Validate()
}

// checkUUID refuses a set value that is not a UUID.
func checkUUID(field, v string) error {
	if v == "" {
		return nil
	}
	if reason := route.Mismatch(route.UUID, v); reason != "" {
		return &telnyx.ValidationError{Field: field, Reason: reason}
	}
	return nil
}

const recordingPath = "/recordings/{recording_id}"

func listRequest(params ListParams) telnyx.Request {
	return telnyx.Request{Method: http.MethodGet, Path: "/recordings", Query: params}
}

// List returns one page of recordings matching params.
//
// API: GET /recordings
func (s *Service) List(ctx context.Context, params ListParams, opts ...option.RequestOption) (*telnyx.Page[Recording], error) {
	return telnyx.ListPage[Recording](ctx, s.client, listRequest(params), opts...)
}

// ListAutoPaging iterates over every recording matching params, fetching
// pages as the loop needs them.
//
// API: GET /recordings
func (s *Service) ListAutoPaging(ctx context.Context, params ListParams, opts ...option.RequestOption) iter.Seq2[Recording, error] {
	return telnyx.ListAll[Recording](ctx, s.client, listRequest(params), opts...)
}

// Get returns the recording with the given id.
//
// API: GET /recordings/{recording_id}
func (s *Service) Get(ctx context.Context, id string, opts ...option.RequestOption) (*Recording, error) {
	return telnyx.Call[Recording](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: recordingPath, PathParams: []string{id}}, opts...)
}

// Delete permanently removes the recording with the given id and returns
// it as it was.
//
// API: DELETE /recordings/{recording_id}
func (s *Service) Delete(ctx context.Context, id string, opts ...option.RequestOption) (*Recording, error) {
	return telnyx.Call[Recording](ctx, s.client, telnyx.Request{Method: http.MethodDelete, Path: recordingPath, PathParams: []string{id}}, opts...)
}

// deleteManyBody is the body of a bulk delete.
type deleteManyBody struct {
	IDs []string `json:"ids"`
}

// Validate checks that there is at least one id and none is empty.
func (b deleteManyBody) Validate() error {
	if len(b.IDs) == 0 {
		return &telnyx.ValidationError{Field: "ids", Reason: "at least one recording id is required"}
	}
	for i, id := range b.IDs {
		if id == "" {
			return &telnyx.ValidationError{Field: "ids", Reason: fmt.Sprintf("entry %d is empty", i)}
		}
	}
	return nil
}

// DeleteManyStatus is the outcome a bulk delete reports.
type DeleteManyStatus string

// DeleteManyStatusOK says the recordings were deleted.
const DeleteManyStatusOK DeleteManyStatus = "ok"

// DeleteManyResult is the answer to a bulk delete (official SDK v4.97.0,
// RecordingActionDeleteResponse). Status is empty when the API answers
// 204 No Content, which also means the recordings were deleted.
type DeleteManyResult struct {
	Status DeleteManyStatus `json:"status"`
}

// DeleteMany permanently removes the recordings with the given ids in one
// request.
//
// API: POST /recordings/actions/delete
func (s *Service) DeleteMany(ctx context.Context, ids []string, opts ...option.RequestOption) (*DeleteManyResult, error) {
	var out DeleteManyResult
	if _, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodPost, Path: "/recordings/actions/delete", Body: deleteManyBody{IDs: ids}}, &out, opts...); err != nil {
		return nil, err
	}
	return &out, nil
}
