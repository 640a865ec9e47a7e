//! Turning what the user drops or picks into `(path, File)` pairs: `FileList`s from the pickers,
//! and `DataTransfer` items from a drop, with folders walked through the File and Directory
//! Entries API (`webkitGetAsEntry`, `createReader().readEntries()` until it returns nothing).

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    DataTransfer, File, FileList, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry,
};

/// Most files taken from one drop or folder (a ProtocolLog folder holds a few hundred).
pub const MAX_DROPPED_FILES: usize = 20_000;
/// Deepest folder nesting walked.
pub const MAX_FOLDER_DEPTH: usize = 16;

/// A picked file and the path to show for it.
#[derive(Clone, PartialEq)]
pub struct PickedFile {
    pub path: String,
    pub file: File,
}

/// Files of an `<input type=file>` (with `webkitdirectory`, `webkitRelativePath` is the path).
pub fn from_file_list(list: &FileList) -> Vec<PickedFile> {
    (0..list.length())
        .filter_map(|i| list.item(i))
        .take(MAX_DROPPED_FILES)
        .map(|file| {
            // `webkitRelativePath` (folder picker) is not in web-sys' File binding.
            let relative = js_sys::Reflect::get(&file, &JsValue::from_str("webkitRelativePath"))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let path = if relative.is_empty() {
                file.name()
            } else {
                relative
            };
            PickedFile { path, file }
        })
        .collect()
}

/// The entries of a drop, taken synchronously (the `DataTransfer` is emptied once the event
/// handler returns). `None` when the browser has no entries API: use [`from_file_list`] then.
pub fn drop_entries(transfer: &DataTransfer) -> Option<Vec<FileSystemEntry>> {
    let items = transfer.items();
    let mut entries = Vec::new();
    for i in 0..items.length() {
        let item = items.get(i)?;
        if item.kind() != "file" {
            continue;
        }
        match item.webkit_get_as_entry() {
            Ok(Some(entry)) => entries.push(entry),
            _ => return None,
        }
    }
    Some(entries)
}

/// Walks dropped entries (files and whole folders) into files, breadth first.
pub async fn walk_entries(entries: Vec<FileSystemEntry>) -> Vec<PickedFile> {
    let mut files = Vec::new();
    let mut pending: Vec<(FileSystemEntry, usize)> = entries.into_iter().map(|e| (e, 0)).collect();
    while let Some((entry, depth)) = pending.pop() {
        if files.len() >= MAX_DROPPED_FILES {
            break;
        }
        if entry.is_file() {
            let file_entry: FileSystemFileEntry = entry.clone().unchecked_into();
            if let Ok(file) = entry_file(&file_entry).await {
                let path = entry.full_path().trim_start_matches('/').to_owned();
                let path = if path.is_empty() { file.name() } else { path };
                files.push(PickedFile { path, file });
            }
        } else if entry.is_directory() && depth < MAX_FOLDER_DEPTH {
            let dir: FileSystemDirectoryEntry = entry.unchecked_into();
            for child in read_directory(&dir).await {
                pending.push((child, depth + 1));
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

async fn entry_file(entry: &FileSystemFileEntry) -> Result<File, JsValue> {
    let entry = entry.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    });
    Ok(JsFuture::from(promise).await?.unchecked_into())
}

/// All children of a folder: `readEntries` returns them in batches until an empty one.
async fn read_directory(dir: &FileSystemDirectoryEntry) -> Vec<FileSystemEntry> {
    let reader = dir.create_reader();
    let mut children = Vec::new();
    loop {
        let promise = Promise::new(&mut |resolve, reject| {
            if let Err(err) = reader.read_entries_with_callback_and_callback(&resolve, &reject) {
                let _ = reject.call1(&JsValue::NULL, &err);
            }
        });
        let Ok(batch) = JsFuture::from(promise).await else {
            break;
        };
        let batch: Array = batch.unchecked_into();
        if batch.length() == 0 || children.len() >= MAX_DROPPED_FILES {
            break;
        }
        children.extend(batch.iter().map(|e| e.unchecked_into::<FileSystemEntry>()));
    }
    children
}
