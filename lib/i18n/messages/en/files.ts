import type { files as vi } from "../vi/files";

export const files: Record<keyof typeof vi, string> = {
  "files.tooLarge": "The file is too large: at most {limit} MB for this kind of file.",
  "files.unsupportedType":
    "This type of file is not supported. Only PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx) documents and MP4, WebM videos are accepted; the type is checked from the content, not the name.",
  "files.notOctetStream": "The file must be sent as binary data (application/octet-stream).",
  "files.interrupted": "The upload was interrupted; the file was not saved. Please try again.",
  "files.empty": "The file is empty.",
  "files.upload.section": "Add to section",
  "files.upload.noSections": "Create at least one section of the course before uploading files.",
  "files.upload.drop": "Drag and drop files here, or click to choose files",
  "files.upload.hint":
    "You can choose several files. PDF, DOCX, PPTX, XLSX up to {doc} MB; MP4, WebM videos up to {video} MB. Each file becomes a lesson.",
  "files.upload.listLabel": "Files being uploaded",
  "files.upload.progress": "Upload progress of {name}",
  "files.upload.waiting": "Waiting",
  "files.upload.sending": "Uploading {percent}%",
  "files.upload.processing": "Checking and saving…",
  "files.upload.done": "Lesson added",
  "files.upload.cancelled": "Cancelled",
  "files.upload.cancel": "Cancel uploading {name}",
  "files.upload.cancelShort": "Cancel",
  "files.upload.remove": "Remove {name} from the list",
  "files.upload.network": "The connection was lost during the upload. Please try again.",
  "files.upload.failed": "Could not upload (status {status}).",
  "files.upload.tooLargeClient": "The file is too large: at most {limit} MB for this kind of file.",
};
