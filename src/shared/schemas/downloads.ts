import { z } from 'zod';

/** An official document in Word, or its PDF (made with LibreOffice on the server). */
export const wordFormatSchema = z.enum(['docx', 'pdf'], { error: 'Định dạng tải về phải là docx hoặc pdf' }).default('docx');
/** A list in Excel, or its PDF (made with LibreOffice on the server). */
export const excelFormatSchema = z.enum(['xlsx', 'pdf'], { error: 'Định dạng tải về phải là xlsx hoặc pdf' }).default('xlsx');

/** `?format=` of a Word download. */
export const wordDownloadQuerySchema = z.object({ format: wordFormatSchema });
/** `?format=` of an Excel download. */
export const excelDownloadQuerySchema = z.object({ format: excelFormatSchema });
