/**
 * File writing that a crash cannot leave half done: write beside the target, make the result an
 * ordinary readable file, rename into place. Plain Java; every other package may use it and it
 * depends on none of ours.
 */
package io.dcganexplorer.files;
