package route

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// handWritten is the table as it was kept by hand before it was generated.
var handWritten = []Operation{
	{"DELETE", "/custom_storage_credentials/{connection_id}", "DeleteCustomStorageCredentials"},
	{"GET", "/custom_storage_credentials/{connection_id}", "GetCustomStorageCredentials"},
	{"POST", "/custom_storage_credentials/{connection_id}", "CreateCustomStorageCredentials"},
	{"PUT", "/custom_storage_credentials/{connection_id}", "UpdateCustomStorageCredentials"},
	{"DELETE", "/dialogflow_connections/{connection_id}", "DeleteDialogflowConnection"},
	{"GET", "/dialogflow_connections/{connection_id}", "GetDialogflowConnection"},
	{"POST", "/dialogflow_connections/{connection_id}", "CreateDialogflowConnection"},
	{"PUT", "/dialogflow_connections/{connection_id}", "UpdateDialogflowConnection"},
	{"GET", "/external_connections", "ListExternalConnections"},
	{"POST", "/external_connections", "CreateExternalConnection"},
	{"GET", "/external_connections/log_messages", "ListExternalConnectionLogMessages"},
	{"DELETE", "/external_connections/log_messages/{id:int64}", "DeleteExternalConnectionLogMessage"},
	{"GET", "/external_connections/log_messages/{id:int64}", "GetExternalConnectionLogMessage"},
	{"DELETE", "/external_connections/{id:int64}", "DeleteExternalConnection"},
	{"GET", "/external_connections/{id:int64}", "GetExternalConnection"},
	{"PATCH", "/external_connections/{id:int64}", "UpdateExternalConnection"},
	{"GET", "/external_connections/{id:int64}/civic_addresses", "ListCivicAddresses"},
	{"GET", "/external_connections/{id:int64}/civic_addresses/{address_id:uuid}", "GetExternalConnectionCivicAddress"},
	{"PATCH", "/external_connections/{id:uuid}/locations/{location_id:uuid}", "updateLocation"},
	{"GET", "/external_connections/{id:int64}/phone_numbers", "ListExternalConnectionPhoneNumbers"},
	{"GET", "/external_connections/{id:int64}/phone_numbers/{phone_number_id}", "GetExternalConnectionPhoneNumber"},
	{"PATCH", "/external_connections/{id:int64}/phone_numbers/{phone_number_id}", "UpdateExternalConnectionPhoneNumber"},
	{"GET", "/external_connections/{id:int64}/releases", "ListExternalConnectionReleases"},
	{"GET", "/external_connections/{id:int64}/releases/{release_id:uuid}", "GetExternalConnectionRelease"},
	{"GET", "/external_connections/{id:int64}/uploads", "ListExternalConnectionUploads"},
	{"POST", "/external_connections/{id:int64}/uploads", "CreateExternalConnectionUpload"},
	{"POST", "/external_connections/{id:int64}/uploads/refresh", "RefreshExternalConnectionUploads"},
	{"GET", "/external_connections/{id:int64}/uploads/status", "GetExternalConnectionUploadsStatus"},
	{"GET", "/external_connections/{id:int64}/uploads/{ticket_id:uuid}", "GetExternalConnectionUpload"},
	{"POST", "/external_connections/{id:int64}/uploads/{ticket_id:uuid}/retry", "RetryUpload"},
	{"GET", "/media", "ListMediaStorage"},
	{"POST", "/media", "CreateMediaStorage"},
	{"DELETE", "/media/{media_name}", "DeleteMediaStorage"},
	{"GET", "/media/{media_name}", "GetMediaStorage"},
	{"PUT", "/media/{media_name}", "UpdateMediaStorage"},
	{"GET", "/media/{media_name}/download", "DownloadMedia"},
	{"POST", "/operator_connect/actions/refresh", "OperatorConnectRefresh"},
	{"GET", "/recording_transcriptions", "getRecordingTranscriptions"},
	{"DELETE", "/recording_transcriptions/{recording_transcription_id:uuid}", "deleteRecordingTranscription"},
	{"GET", "/recording_transcriptions/{recording_transcription_id:uuid}", "getRecordingTranscription"},
	{"GET", "/recordings", "GetRecordings"},
	{"POST", "/recordings/actions/delete", "DeleteRecordings"},
	{"DELETE", "/recordings/{recording_id}", "DeleteRecording"},
	{"GET", "/recordings/{recording_id}", "GetRecording"},
	{"POST", "/siprec_connectors", "createSiprecConnector"},
	{"DELETE", "/siprec_connectors/{connector_name}", "deleteSiprecConnector"},
	{"GET", "/siprec_connectors/{connector_name}", "getSiprecConnector"},
	{"PUT", "/siprec_connectors/{connector_name}", "updateSiprecConnector"},
}

// TestGeneratedTableEqualsHandWritten shows that the generated table is the
// one that was kept by hand, row for row.
func TestGeneratedTableEqualsHandWritten(t *testing.T) {
	t.Parallel()
	assert.Equal(t, handWritten, Operations)
}
