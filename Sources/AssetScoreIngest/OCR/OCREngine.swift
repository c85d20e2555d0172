import CTesseract
import Foundation

/// One word tesseract found, with its confidence (0...100) and box in OCR-image pixels.
struct OCRWord: Sendable, Hashable {
    var text: String
    var confidence: Double
    var box: PixelRect
}

/// A tesseract instance with its language data loaded.
///
/// Loading traineddata takes a noticeable fraction of a second, so one engine lives as long as
/// its analyser. A TessBaseAPI must not be used from two threads at once, hence not Sendable:
/// each worker thread creates its own analyser.
///
/// There is no recognition timeout: the C API offers no deadline (ETEXT_DESC is C++ only), so
/// the time is bounded by the size of the image handed in instead (the analyser caps its long
/// side, 1600 px by default).
final class OCREngine {
    private let handle: OpaquePointer

    init(tessdataPath: String, language: String) throws {
        let data = (tessdataPath as NSString).appendingPathComponent("\(language).traineddata")
        guard FileManager.default.fileExists(atPath: data) else {
            throw AnalyserError(
                .ocrUnavailable, file: data,
                reason: "tesseract language data not found (install tesseract-ocr-\(language) or set TESSDATA_PREFIX)")
        }
        guard let handle = TessBaseAPICreate() else {
            throw AnalyserError(.ocrUnavailable, file: data, reason: "tesseract could not be created")
        }
        // Tesseract's diagnostics ("Estimating resolution as ...") would go to stderr.
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        guard TessBaseAPIInit3(handle, tessdataPath, language) == 0 else {
            TessBaseAPIDelete(handle)
            throw AnalyserError(.ocrUnavailable, file: data, reason: "tesseract failed to load the language data")
        }
        // Creatives scatter short texts over pictures; sparse-text mode finds them without
        // assuming a page layout.
        TessBaseAPISetPageSegMode(handle, PSM_SPARSE_TEXT)
        _ = TessBaseAPISetVariable(handle, "debug_file", "/dev/null")
        self.handle = handle
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    static var version: String { String(cString: TessVersion()) }

    /// Recognises words on a one-band 8-bit image; nil if tesseract reports a failure.
    func words(in image: PixelBuffer) -> [OCRWord]? {
        precondition(image.bands == 1, "OCR takes grey pixels")
        defer { TessBaseAPIClear(handle) }
        image.bytes.withUnsafeBufferPointer { bytes in
            TessBaseAPISetImage(handle, bytes.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
            // Creatives have no meaningful DPI; a fixed value keeps tesseract from guessing.
            TessBaseAPISetSourceResolution(handle, 150)
        }
        // SetImage copies the pixels, so the buffer may go once Recognize starts. The OpenMP
        // thread count is per calling thread, so it is set here, on the thread that recognises.
        shim_tesseract_single_thread()
        guard TessBaseAPIRecognize(handle, nil) == 0 else { return nil }
        guard let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        var words: [OCRWord] = []
        repeat {
            guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = String(cString: raw)
            TessDeleteText(raw)
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD))
            var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
            guard TessPageIteratorBoundingBox(page, RIL_WORD, &left, &top, &right, &bottom) != 0 else { continue }
            words.append(
                OCRWord(
                    text: text, confidence: confidence,
                    box: PixelRect(x0: Int(left), y0: Int(top), x1: Int(right), y1: Int(bottom))))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return words
    }
}
