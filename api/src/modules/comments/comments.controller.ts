import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommentPage, CommentView, MyCommentView } from '@doorway/contracts';
import { Authenticated, AuthenticatedByToken, MaybeAuthenticated } from '../../common/decorators/authenticated.decorator';
import { CurrentSession, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Idempotent } from '../../common/idempotency/idempotent.decorator';
import { ParagraphParams } from '../documents/dto/params.dto';
import { UserEntity } from '../users/entities/user.entity';
import type { SessionToken } from '../users/users.service';
import { CommentsService } from './comments.service';
import {
  CommentIdParams,
  CreateCommentDto,
  CreateReplyDto,
  CreateSuggestionDto,
  ListCommentsQuery,
  RecordInterventionDto,
  UpdateCommentDto,
} from './dto/comment.dto';

@ApiTags('comments')
@Controller()
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get('documents/:slug/paragraphs/:key/comments')
  @MaybeAuthenticated()
  @ApiOperation({ summary: "A paragraph's threads (comments and suggested edits), by cursor, newest or oldest first" })
  list(@CurrentUser() user: UserEntity | null, @Param() params: ParagraphParams, @Query() query: ListCommentsQuery): Promise<CommentPage> {
    return this.comments.list(user, params.slug, params.key, query);
  }

  @Get('me/comments')
  @Authenticated()
  @ApiOperation({ summary: 'My comments, replies and suggestions, with what became of them' })
  mine(@CurrentUser() user: UserEntity): Promise<MyCommentView[]> {
    return this.comments.mine(user);
  }

  // The service confirms the session in the statement that writes (see @AuthenticatedByToken).
  @Post('documents/:slug/paragraphs/:key/comments')
  @AuthenticatedByToken()
  @Idempotent()
  @ApiOperation({ summary: 'Comment on a paragraph (and optionally others), optionally quoting a passage' })
  create(@CurrentSession() session: SessionToken, @Param() params: ParagraphParams, @Body() body: CreateCommentDto): Promise<CommentView> {
    return this.comments.create(session, params.slug, params.key, body);
  }

  @Post('documents/:slug/paragraphs/:key/suggestions')
  @AuthenticatedByToken()
  @Idempotent()
  @ApiOperation({ summary: 'Suggest replacement text for a paragraph' })
  suggest(@CurrentSession() session: SessionToken, @Param() params: ParagraphParams, @Body() body: CreateSuggestionDto): Promise<CommentView> {
    return this.comments.suggest(session, params.slug, params.key, body);
  }

  @Post('documents/:slug/paragraphs/:key/interventions')
  @Authenticated()
  @Idempotent()
  @ApiOperation({ summary: 'Editors: record an intervention made in the room, on behalf of a named speaker' })
  intervene(@CurrentUser() user: UserEntity, @Param() params: ParagraphParams, @Body() body: RecordInterventionDto): Promise<CommentView> {
    return this.comments.recordIntervention(user, params.slug, params.key, body);
  }

  @Post('comments/:id/replies')
  @Authenticated()
  @Idempotent()
  @ApiOperation({ summary: 'Reply to a comment' })
  reply(@CurrentUser() user: UserEntity, @Param() params: CommentIdParams, @Body() body: CreateReplyDto): Promise<CommentView> {
    return this.comments.reply(user, params.id, body);
  }

  @Patch('comments/:id')
  @Authenticated()
  @ApiOperation({ summary: 'Edit your own comment' })
  update(@CurrentUser() user: UserEntity, @Param() params: CommentIdParams, @Body() body: UpdateCommentDto): Promise<CommentView> {
    return this.comments.update(user, params.id, body);
  }

  @Delete('comments/:id')
  @Authenticated()
  @ApiOperation({ summary: 'Delete your own comment, or withdraw your suggestion until it is triaged' })
  remove(@CurrentUser() user: UserEntity, @Param() params: CommentIdParams): Promise<CommentView> {
    return this.comments.remove(user, params.id);
  }

  @Post('comments/:id/endorsements')
  @HttpCode(200)
  @Authenticated()
  @Idempotent()
  @ApiOperation({ summary: 'Endorse a comment or suggestion (once)' })
  endorse(@CurrentUser() user: UserEntity, @Param() params: CommentIdParams): Promise<CommentView> {
    return this.comments.endorse(user, params.id);
  }

  @Delete('comments/:id/endorsements')
  @Authenticated()
  @ApiOperation({ summary: 'Withdraw my endorsement' })
  unendorse(@CurrentUser() user: UserEntity, @Param() params: CommentIdParams): Promise<CommentView> {
    return this.comments.unendorse(user, params.id);
  }
}
